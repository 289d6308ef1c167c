package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/assistance/{requestId}/disclosure-records: Record a noticed compelled disclosure as
 * made, once the objection window has passed (assistance:recordDisclosure).
 */
public final class RecordDisclosure extends LedgerRoute {
  public RecordDisclosure(Ledger ledger) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/disclosure-records",
            "assistance:recordDisclosure",
            "Record a noticed compelled disclosure as made, after the objection window",
            "AssistanceRequest",
            Specs.req("seq", "integer")),
        "assistance:recordDisclosure",
        Kind.SUBMIT,
        ledger);
  }
}
