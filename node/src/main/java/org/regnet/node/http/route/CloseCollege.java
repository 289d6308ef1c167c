package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.CollegeCases;

/**
 * POST /v1/colleges/{collegeId}/close: close a college to new information (decision 0035); its
 * retention under the treaty counts from now. Every member's peer endorses.
 */
public final class CloseCollege implements Route {
  private final CollegeCases cases;

  public CloseCollege(CollegeCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/colleges/{collegeId}/close",
        "college:close",
        "Close a college to new information; its retention starts",
        "College");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(cases.close(request.user().username(), request.path().get("collegeId")));
  }
}
