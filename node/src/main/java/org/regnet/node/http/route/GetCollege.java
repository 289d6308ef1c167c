package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/colleges/{collegeId}: a college and everything its members shared in it, read from this
 * authority's own peer (college:get; members only).
 */
public final class GetCollege extends LedgerRoute {
  public GetCollege(Ledger ledger) {
    super(
        Specs.get(
            "/v1/colleges/{collegeId}",
            "college:get",
            "View a college and the information shared in it",
            "College"),
        "college:get",
        Kind.EVALUATE,
        ledger);
  }
}
