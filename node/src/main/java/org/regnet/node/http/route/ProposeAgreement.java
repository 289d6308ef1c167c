package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** POST /v1/agreements: Propose a bilateral agreement under a treaty (agreement:propose). */
public final class ProposeAgreement extends LedgerRoute {
  public ProposeAgreement(Ledger ledger) {
    super(
        Specs.post(
            "/v1/agreements",
            "agreement:propose",
            "Propose a bilateral agreement under a treaty",
            "Agreement",
            Specs.req("treatyId", "string"),
            Specs.req("counterparty", "string"),
            Specs.req("scope", "object"),
            Specs.req("validFrom", "string"),
            Specs.req("validUntil", "string"),
            Specs.opt("transferBasis", "string")),
        "agreement:propose",
        Kind.SUBMIT,
        ledger);
    readsBackAfterRetry("AGR", "agreement:get", "agreementId");
  }
}
