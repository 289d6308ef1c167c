package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** POST /v1/agreements/{agreementId}/suspension: Suspend an agreement (agreement:suspend). */
public final class SuspendAgreement extends LedgerRoute {
  public SuspendAgreement(Ledger ledger) {
    super(
        Specs.post(
            "/v1/agreements/{agreementId}/suspension",
            "agreement:suspend",
            "Suspend an agreement",
            "Agreement",
            Specs.opt("reason", "string")),
        "agreement:suspend",
        Kind.SUBMIT,
        ledger);
  }
}
