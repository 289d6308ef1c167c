package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** POST /v1/treaties: Found a treaty with its founding members (treaty:found). */
public final class FoundTreaty extends LedgerRoute {
  public FoundTreaty(Ledger ledger) {
    super(
        Specs.post(
            "/v1/treaties",
            "treaty:found",
            "Found a treaty with its founding members",
            "Treaty",
            Specs.opt("treatyId", "string"),
            Specs.req("name", "string"),
            Specs.req("terms", "object"),
            Specs.req("members", "array")),
        "treaty:found",
        Kind.SUBMIT,
        ledger);
  }
}
