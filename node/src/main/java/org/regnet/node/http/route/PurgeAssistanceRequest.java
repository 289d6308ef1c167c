package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/assistance/{requestId}/purge: Purge the request's private data when the treaty's
 * retention has ended (assistance:purge).
 */
public final class PurgeAssistanceRequest extends LedgerRoute {
  public PurgeAssistanceRequest(Ledger ledger) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/purge",
            "assistance:purge",
            "Purge the request's private data once the treaty's retention has ended",
            "AssistanceRequest"),
        "assistance:purge",
        Kind.SUBMIT,
        ledger);
  }
}
