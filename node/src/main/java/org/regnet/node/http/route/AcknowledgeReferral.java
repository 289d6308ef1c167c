package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/referrals/{referralId}/acknowledge: Acknowledge a received referral
 * (referral:acknowledge).
 */
public final class AcknowledgeReferral extends LedgerRoute {
  public AcknowledgeReferral(Ledger ledger) {
    super(
        Specs.post(
            "/v1/referrals/{referralId}/acknowledge",
            "referral:acknowledge",
            "Acknowledge a received referral",
            "Referral"),
        "referral:acknowledge",
        Kind.SUBMIT,
        ledger);
  }
}
