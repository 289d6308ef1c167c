package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/audit/objects/{objectId}: Audit trail of one object (paginated: pageSize, bookmark)
 * (audit:byObject).
 */
public final class AuditByObject extends LedgerRoute {
  public AuditByObject(Ledger ledger) {
    super(
        Specs.get(
            "/v1/audit/objects/{objectId}",
            "audit:byObject",
            "Audit trail of one object (paginated: pageSize, bookmark)",
            "AuditPage"),
        "audit:byObject",
        Kind.EVALUATE,
        ledger);
  }
}
