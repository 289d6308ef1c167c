package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/treaties/{treatyId}: View a treaty: terms, members, admins (treaty:get). */
public final class GetTreaty extends LedgerRoute {
  public GetTreaty(Ledger ledger) {
    super(
        Specs.get(
            "/v1/treaties/{treatyId}",
            "treaty:get",
            "View a treaty: terms, members, admins",
            "Treaty"),
        "treaty:get",
        Kind.EVALUATE,
        ledger);
  }
}
