package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** GET /v1/assistance/outbox: Requests for assistance sent (paginated) (assistance:listOutbox). */
public final class AssistanceOutbox extends LedgerRoute {
  public AssistanceOutbox(Ledger ledger) {
    super(
        Specs.get(
            "/v1/assistance/outbox",
            "assistance:listOutbox",
            "Requests for assistance sent (paginated)",
            "AssistancePage"),
        "assistance:listOutbox",
        Kind.EVALUATE,
        ledger);
  }
}
