package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/referrals/{referralId}: View a referral's public record (referral:get). */
public final class GetReferral extends LedgerRoute {
  public GetReferral(Ledger ledger) {
    super(
        Specs.get(
            "/v1/referrals/{referralId}",
            "referral:get",
            "View a referral's public record",
            "Referral"),
        "referral:get",
        Kind.EVALUATE,
        ledger);
  }
}
