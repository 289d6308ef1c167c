package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/audit/objects/{objectId}: Audit trail of one object (paginated: pageSize, bookmark)
 * (audit:byObject). A flag's trail is in this authority's pair collections with the flag's treaty,
 * so for a flag the query names it ({@code treatyId}).
 */
public final class AuditByObject extends LedgerRoute {
  public AuditByObject(Ledger ledger) {
    super(
        Specs.get(
            "/v1/audit/objects/{objectId}",
            "audit:byObject",
            "Audit trail of one object (paginated: pageSize, bookmark; a flag's needs treatyId)",
            "AuditPage"),
        "audit:byObject",
        Kind.EVALUATE,
        ledger);
  }
}
