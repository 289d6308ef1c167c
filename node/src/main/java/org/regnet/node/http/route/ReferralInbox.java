package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/referrals/inbox: Referrals received (paginated) (referral:listInbox). */
public final class ReferralInbox extends LedgerRoute {
  public ReferralInbox(Ledger ledger) {
    super(
        Specs.get(
            "/v1/referrals/inbox",
            "referral:listInbox",
            "Referrals received (paginated)",
            "ReferralPage"),
        "referral:listInbox",
        Kind.EVALUATE,
        ledger);
  }
}
