package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ReferralCases;

/** POST /v1/referrals/{referralId}/information: the originator answers (confidential message). */
public final class ProvideInformation implements Route {
  private final ReferralCases cases;

  public ProvideInformation(ReferralCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/referrals/{referralId}/information",
        "referral:provideInformation",
        "Provide the information requested (confidential)",
        "Referral",
        Specs.req("message", "string"),
        Specs.opt("evidenceDigests", "array"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    ObjectNode message = Json.object().put("message", request.body().get("message").asText());
    if (request.body().has("evidenceDigests")) {
      message.set("evidenceDigests", request.body().get("evidenceDigests"));
    }
    return Reply.ok(
        cases.exchange(
            request.user().username(),
            "referral:provideInformation",
            request.path("referralId"),
            message));
  }
}
