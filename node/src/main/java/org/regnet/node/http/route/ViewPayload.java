package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ReferralCases;

/**
 * POST /v1/referrals/{referralId}/payload-views: read the confidential payload for a stated
 * purpose. The access is first recorded on the ledger (audit entry), then the payload is read from
 * this authority's own peer. A POST, because viewing writes the access record.
 */
public final class ViewPayload implements Route {
  private final ReferralCases cases;

  public ViewPayload(ReferralCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/referrals/{referralId}/payload-views",
        "referral:readPayload",
        "View the confidential payload (records an access entry)",
        "PayloadView",
        Specs.req("purpose", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        cases.view(
            request.user().username(),
            request.path("referralId"),
            request.body().get("purpose").asText()));
  }
}
