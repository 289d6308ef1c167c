package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** POST /v1/agreements/{agreementId}/termination: Terminate an agreement (agreement:terminate). */
public final class TerminateAgreement extends LedgerRoute {
  public TerminateAgreement(Ledger ledger) {
    super(
        Specs.post(
            "/v1/agreements/{agreementId}/termination",
            "agreement:terminate",
            "Terminate an agreement",
            "Agreement",
            Specs.opt("reason", "string")),
        "agreement:terminate",
        Kind.SUBMIT,
        ledger);
  }
}
