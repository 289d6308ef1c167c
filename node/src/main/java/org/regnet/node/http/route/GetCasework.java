package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Casework;

/** GET /v1/casework/referrals/{referralId}: assignment, internal notes, read state (node-local). */
public final class GetCasework implements Route {
  private final Casework casework;

  public GetCasework(Casework casework) {
    this.casework = casework;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/casework/referrals/{referralId}",
        "casework:read",
        "This authority's case work on a referral: assignment, notes, read state",
        "Casework");
  }

  @Override
  public Reply handle(RouteRequest r) {
    return Reply.ok(casework.view(r.user().username(), r.path("referralId")));
  }
}
