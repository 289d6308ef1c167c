package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ReferralCases;

/**
 * POST /v1/referrals: refer a market-abuse case under an agreement. {@code payload} (facts, persons
 * and accounts, narrative, evidence digests...) is confidential: it travels only in the transient
 * map to the two parties' peers; the rest is the public record.
 */
public final class SubmitReferral implements Route {
  private final ReferralCases cases;

  public SubmitReferral(ReferralCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/referrals",
        "referral:submit",
        "Refer a case to the other party of an agreement",
        "Referral",
        Specs.req("agreementId", "string"),
        Specs.req("typology", "string"),
        Specs.req("instrumentClass", "string"),
        Specs.req("dataClasses", "array"),
        Specs.req("purposes", "array"),
        Specs.req("payload", "object"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        cases.submit(
            request.user().username(),
            request.bodyWithoutPayload(),
            request.body().get("payload")));
  }
}
