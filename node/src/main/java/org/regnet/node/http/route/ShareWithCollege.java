package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.CollegeCases;

/**
 * POST /v1/colleges/{collegeId}/items: share information with every other member of a college
 * (decision 0035). The answer is the college with everything shared in it so far.
 */
public final class ShareWithCollege implements Route {
  private final CollegeCases cases;

  public ShareWithCollege(CollegeCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/colleges/{collegeId}/items",
        "college:share",
        "Share information with every other member of a college",
        "College",
        Specs.req("title", "string"),
        Specs.req("information", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    ObjectNode arg = request.body().deepCopy();
    request.path().forEach(arg::put);
    return Reply.ok(cases.share(request.user().username(), arg));
  }
}
