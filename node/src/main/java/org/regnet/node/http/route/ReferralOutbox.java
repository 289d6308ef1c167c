package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/referrals/outbox: Referrals sent (paginated) (referral:listOutbox). */
public final class ReferralOutbox extends LedgerRoute {
  public ReferralOutbox(Ledger ledger) {
    super(
        Specs.get(
            "/v1/referrals/outbox",
            "referral:listOutbox",
            "Referrals sent (paginated)",
            "ReferralPage"),
        "referral:listOutbox",
        Kind.EVALUATE,
        ledger);
  }
}
