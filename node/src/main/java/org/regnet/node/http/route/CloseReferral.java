package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** POST /v1/referrals/{referralId}/close: Close a referral with its outcome (referral:close). */
public final class CloseReferral extends LedgerRoute {
  public CloseReferral(Ledger ledger) {
    super(
        Specs.post(
            "/v1/referrals/{referralId}/close",
            "referral:close",
            "Close a referral with its outcome",
            "Referral",
            Specs.req("outcome", "string")),
        "referral:close",
        Kind.SUBMIT,
        ledger);
  }
}
