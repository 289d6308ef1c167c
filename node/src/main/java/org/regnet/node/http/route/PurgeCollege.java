package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.CollegeCases;

/**
 * POST /v1/colleges/{collegeId}/purge: once the treaty's retention after the close has passed,
 * purge everything shared in the college from this authority's pairs with the other members
 * (decision 0035); the record and a deletion record per pair stay. Asking again completes a purge
 * cut short.
 */
public final class PurgeCollege implements Route {
  private final CollegeCases cases;

  public PurgeCollege(CollegeCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/colleges/{collegeId}/purge",
        "college:purge",
        "Purge a closed college from this authority's pairs once retention has ended",
        "College");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(cases.purge(request.user().username(), request.path().get("collegeId")));
  }
}
