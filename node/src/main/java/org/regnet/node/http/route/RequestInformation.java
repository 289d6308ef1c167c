package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ReferralCases;

/**
 * POST /v1/referrals/{referralId}/information-requests: the recipient asks for more (confidential
 * message).
 */
public final class RequestInformation implements Route {
  private final ReferralCases cases;

  public RequestInformation(ReferralCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/referrals/{referralId}/information-requests",
        "referral:requestInformation",
        "Ask the originator for more information (the message is confidential)",
        "Referral",
        Specs.req("message", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        cases.exchange(
            request.user().username(),
            "referral:requestInformation",
            request.path("referralId"),
            Json.object().put("message", request.body().get("message").asText())));
  }
}
