package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Casework;

/** POST /v1/casework/referrals/{referralId}/read: the caller has read the referral. */
public final class MarkRead implements Route {
  private final Casework casework;

  public MarkRead(Casework casework) {
    this.casework = casework;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/casework/referrals/{referralId}/read",
        "casework:read",
        "Mark a referral read for the caller (node-local)",
        "Casework");
  }

  @Override
  public Reply handle(RouteRequest r) {
    return Reply.ok(casework.markRead(r.user().username(), r.path("referralId")));
  }
}
