package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/referrals/{referralId}/consents/{consentId}/grant: Grant a consent as the originator
 * (referral:grantConsent).
 */
public final class GrantConsent extends LedgerRoute {
  public GrantConsent(Ledger ledger) {
    super(
        Specs.post(
            "/v1/referrals/{referralId}/consents/{consentId}/grant",
            "referral:grantConsent",
            "Grant a consent as the originator",
            "Referral"),
        "referral:grantConsent",
        Kind.SUBMIT,
        ledger);
  }
}
