package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/assistance/{requestId}/overdue: Record a missed acknowledgement or reply deadline (an
 * event to both parties) (assistance:markOverdue).
 */
public final class MarkAssistanceOverdue extends LedgerRoute {
  public MarkAssistanceOverdue(Ledger ledger) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/overdue",
            "assistance:markOverdue",
            "Record a missed acknowledgement or reply deadline",
            "AssistanceRequest"),
        "assistance:markOverdue",
        Kind.SUBMIT,
        ledger);
  }
}
