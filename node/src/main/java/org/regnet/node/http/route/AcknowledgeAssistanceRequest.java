package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/assistance/{requestId}/acknowledge: Acknowledge with an estimated reply date or an
 * update frequency (assistance:acknowledge).
 */
public final class AcknowledgeAssistanceRequest extends LedgerRoute {
  public AcknowledgeAssistanceRequest(Ledger ledger) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/acknowledge",
            "assistance:acknowledge",
            "Acknowledge with an estimated reply date or an update frequency (one of them)",
            "AssistanceRequest",
            Specs.opt("estimatedReplyAt", "string"),
            Specs.opt("updateFrequencyDays", "integer")),
        "assistance:acknowledge",
        Kind.SUBMIT,
        ledger);
  }
}
