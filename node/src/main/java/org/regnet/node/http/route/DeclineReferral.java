package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/referrals/{referralId}/decline: Decline a referral on one of the treaty's refusal
 * grounds (referral:decline).
 */
public final class DeclineReferral extends LedgerRoute {
  public DeclineReferral(Ledger ledger) {
    super(
        Specs.post(
            "/v1/referrals/{referralId}/decline",
            "referral:decline",
            "Decline a referral on one of the treaty's refusal grounds",
            "Referral",
            Specs.req("refusalGround", "string")),
        "referral:decline",
        Kind.SUBMIT,
        ledger);
  }
}
