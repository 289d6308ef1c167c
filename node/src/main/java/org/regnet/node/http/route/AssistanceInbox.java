package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/assistance/inbox: Requests for assistance received (paginated) (assistance:listInbox).
 */
public final class AssistanceInbox extends LedgerRoute {
  public AssistanceInbox(Ledger ledger) {
    super(
        Specs.get(
            "/v1/assistance/inbox",
            "assistance:listInbox",
            "Requests for assistance received (paginated)",
            "AssistancePage"),
        "assistance:listInbox",
        Kind.EVALUATE,
        ledger);
  }
}
