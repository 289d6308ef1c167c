package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/audit: Audit entries in a time range (from, to, pageSize, bookmark) (audit:byTimeRange).
 */
public final class AuditByTime extends LedgerRoute {
  public AuditByTime(Ledger ledger) {
    super(
        Specs.get(
            "/v1/audit",
            "audit:byTimeRange",
            "Audit entries in a time range (from, to, pageSize, bookmark)",
            "AuditPage"),
        "audit:byTimeRange",
        Kind.EVALUATE,
        ledger);
  }
}
