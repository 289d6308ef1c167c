package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AuditTrail;
import org.regnet.node.service.LedgerException;

/**
 * GET /v1/referrals/{referralId}/payload-views: who viewed the payload, when, from the audit trail
 * as the caller may read it. A role the chaincode does not let read the audit trail gets {@code
 * available: false} rather than an error, so the payload page can say so.
 */
public final class PayloadViewers implements Route {
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
