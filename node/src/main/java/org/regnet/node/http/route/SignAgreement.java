package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/agreements/{agreementId}/signature: Sign a proposed agreement as its counterparty
 * (agreement:sign).
 */
public final class SignAgreement extends LedgerRoute {
  public SignAgreement(Ledger ledger) {
    super(
        Specs.post(
            "/v1/agreements/{agreementId}/signature",
            "agreement:sign",
            "Sign a proposed agreement as its counterparty",
            "Agreement"),
        "agreement:sign",
        Kind.SUBMIT,
        ledger);
  }
}
