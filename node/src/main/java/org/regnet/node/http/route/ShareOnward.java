package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ReferralCases;

/**
 * POST /v1/referrals/{referralId}/consents/{consentId}/share: share the payload with the consented
 * third member.
 */
public final class ShareOnward implements Route {
  private final ReferralCases cases;

  public ShareOnward(ReferralCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/referrals/{referralId}/consents/{consentId}/share",
        "referral:shareOnward",
        "Share the payload onward under a granted consent (recipient's case officer)",
        "Referral");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        cases.shareOnward(
            request.user().username(), request.path("referralId"), request.path("consentId")));
  }
}
