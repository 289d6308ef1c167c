package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AuditTrail;
import org.regnet.node.service.LedgerException;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;

/**
 * GET /v1/referrals/{referralId}/payload-views: who viewed the payload, when, from the audit trail
 * as the caller may read it. A role that the rule table does not let read the audit trail gets
 * {@code available: false} rather than an error, so the payload page can say so; the chaincode is
 * then not asked at all.
 */
public final class PayloadViewers implements Route {
  /** The transaction this route runs, for the roles that the rule table allows it. */
  public static final String AUDIT_TX = "audit:byObject";

  private final AuditTrail trail;

  public PayloadViewers(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/referrals/{referralId}/payload-views",
        "referral:readPayload",
        "Recorded views of a referral's payload (from the audit trail)",
        "PayloadViewers");
  }

  @Override
  public Reply handle(RouteRequest r) {
    var out = Json.object();
    var items = out.putArray("items");
    boolean mayReadAudit =
        Role.fromWire(r.user().role())
            .map(role -> RuleTable.rolesFor(AUDIT_TX).contains(role))
            .orElse(false);
    if (!mayReadAudit) {
      out.put("available", false);
      return Reply.ok(out);
    }
    try {
      trail
          .all(r.user().username(), new AuditTrail.Query(r.path("referralId"), null, null, null))
          .stream()
          .filter(e -> e.path("action").asText().equals("referral.payloadAccessed"))
          .forEach(items::add);
      out.put("available", true);
    } catch (LedgerException e) {
      if (!e.code().equals("ACCESS_DENIED")) {
        throw e;
      }
      out.put("available", false);
    }
    return Reply.ok(out);
  }
}
