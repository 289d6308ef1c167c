package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/audit/actors/{actorMsp}: Audit entries made by one authority (from, to, pageSize,
 * bookmark) (audit:byActor).
 */
public final class AuditByActor extends LedgerRoute {
  public AuditByActor(Ledger ledger) {
    super(
        Specs.get(
            "/v1/audit/actors/{actorMsp}",
            "audit:byActor",
            "Audit entries made by one authority (from, to, pageSize, bookmark)",
            "AuditPage"),
        "audit:byActor",
        Kind.EVALUATE,
        ledger);
  }
}
