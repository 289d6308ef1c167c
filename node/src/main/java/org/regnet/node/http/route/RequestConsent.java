package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/referrals/{referralId}/consents: Ask the originator's consent for another use or onward
 * sharing (referral:requestConsent).
 */
public final class RequestConsent extends LedgerRoute {
  public RequestConsent(Ledger ledger) {
    super(
        Specs.post(
            "/v1/referrals/{referralId}/consents",
            "referral:requestConsent",
            "Ask the originator's consent for another use or onward sharing",
            "Referral",
            Specs.req("recipient", "string"),
            Specs.req("use", "string")),
        "referral:requestConsent",
        Kind.SUBMIT,
        ledger);
  }
}
