package org.regnet.node.http.route;

import org.regnet.node.http.ApiException;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Casework;

/** POST /v1/casework/referrals/{referralId}/assignment {assignee}: stored only on this node. */
public final class AssignReferral implements Route {
  private final Casework casework;

  public AssignReferral(Casework casework) {
    this.casework = casework;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/casework/referrals/{referralId}/assignment",
        "casework:assign",
        "Assign a referral to an officer of this authority (node-local)",
        "Casework",
        Specs.req("assignee", "string"));
  }

  @Override
  public Reply handle(RouteRequest r) {
    try {
      return Reply.ok(
          casework.assign(
              r.user().username(), r.path("referralId"), r.body().get("assignee").asText()));
    } catch (Casework.Invalid e) {
      throw new ApiException("VALIDATION_FAILED", e.field(), e.getMessage());
    }
  }
}
