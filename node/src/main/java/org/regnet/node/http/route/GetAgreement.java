package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/agreements/{agreementId}: View an agreement (agreement:get). */
public final class GetAgreement extends LedgerRoute {
  public GetAgreement(Ledger ledger) {
    super(
        Specs.get(
            "/v1/agreements/{agreementId}", "agreement:get", "View an agreement", "Agreement"),
        "agreement:get",
        Kind.EVALUATE,
        ledger);
  }
}
