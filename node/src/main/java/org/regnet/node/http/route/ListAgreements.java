package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/agreements: List this authority's agreements (paginated) (agreement:listForMember). */
public final class ListAgreements extends LedgerRoute {
  public ListAgreements(Ledger ledger) {
    super(
        Specs.get(
            "/v1/agreements",
            "agreement:listForMember",
            "List this authority's agreements (paginated)",
            "AgreementPage"),
        "agreement:listForMember",
        Kind.EVALUATE,
        ledger);
  }
}
