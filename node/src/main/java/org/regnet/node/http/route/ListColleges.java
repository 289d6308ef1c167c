package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/colleges: the colleges this authority is a member of (college:list). */
public final class ListColleges extends LedgerRoute {
  public ListColleges(Ledger ledger) {
    super(
        Specs.get(
            "/v1/colleges",
            "college:list",
            "The colleges this authority is a member of",
            "Colleges"),
        "college:list",
        Kind.EVALUATE,
        ledger);
  }
}
