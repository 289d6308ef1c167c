package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/assistance/{requestId}: A request for assistance's record, with its reply leg
 * (assistance:get).
 */
public final class GetAssistanceRequest extends LedgerRoute {
  public GetAssistanceRequest(Ledger ledger) {
    super(
        Specs.get(
            "/v1/assistance/{requestId}",
            "assistance:get",
            "View a request for assistance's record and its reply leg",
            "AssistanceRequest"),
        "assistance:get",
        Kind.EVALUATE,
        ledger);
  }
}
