package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/referrals/{referralId}/investigation: Open the investigation of an acknowledged referral
 * (referral:startInvestigation).
 */
public final class StartInvestigation extends LedgerRoute {
  public StartInvestigation(Ledger ledger) {
    super(
        Specs.post(
            "/v1/referrals/{referralId}/investigation",
            "referral:startInvestigation",
            "Open the investigation of an acknowledged referral",
            "Referral"),
        "referral:startInvestigation",
        Kind.SUBMIT,
        ledger);
  }
}
