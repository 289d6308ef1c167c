package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/assistance/{requestId}/disclosure-objections: Object to a noticed compelled disclosure
 * within the treaty's window (assistance:objectDisclosure).
 */
public final class ObjectToDisclosure extends LedgerRoute {
  public ObjectToDisclosure(Ledger ledger) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/disclosure-objections",
            "assistance:objectDisclosure",
            "Object to a noticed compelled disclosure within the treaty's objection window",
            "AssistanceRequest",
            Specs.req("seq", "integer")),
        "assistance:objectDisclosure",
        Kind.SUBMIT,
        ledger);
  }
}
