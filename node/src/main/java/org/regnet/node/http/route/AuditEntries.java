package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AuditTrail;

/**
 * GET /v1/audit/entries?objectId|actorMsp|from&to&pageSize&bookmark: one page of the audit trail,
 * each entry with its transaction id, block number and timestamp.
 */
public final class AuditEntries implements Route {
  private final AuditTrail trail;

  public AuditEntries(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/audit/entries",
        "audit:byActor",
        "Audit entries by object, actor or time window, each with its block number (paged)",
        "AuditPage");
  }

  @Override
  public Reply handle(RouteRequest r) {
    String bookmark = Queries.matching(r.query("bookmark"), "bookmark", BOOKMARK);
    return Reply.ok(
        trail.page(
            r.user().username(),
            AuditQueries.of(r),
            Queries.size(r.query("pageSize"), "pageSize", 100, 20),
            bookmark));
  }

  static final java.util.regex.Pattern BOOKMARK =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,1400}");
}
