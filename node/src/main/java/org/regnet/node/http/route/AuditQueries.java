package org.regnet.node.http.route;

import java.util.regex.Pattern;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.service.AuditTrail;

/** The audit query of a request: objectId, or actorMsp, or a from..to window. */
final class AuditQueries {
  private static final Pattern OBJECT_ID =
      Pattern.compile("(TRT-[A-Z0-9][A-Z0-9-]{0,39})|((MCH|AGR|REF|FLG|RFA|COL)-[0-9a-f]{16})");

  private AuditQueries() {}

  static AuditTrail.Query of(RouteRequest r) {
    String objectId = Queries.matching(r.query("objectId"), "objectId", OBJECT_ID);
    String actor = Queries.matching(r.query("actorMsp"), "actorMsp", Queries.MSP);
    var from = Queries.instant(r.query("from"), "from");
    var to = Queries.instant(r.query("to"), "to");
    if (objectId == null && actor == null && (from == null || to == null)) {
      throw new ApiException(
          "VALIDATION_FAILED", "objectId", "give objectId, actorMsp, or both from and to");
    }
    return new AuditTrail.Query(
        objectId, actor, from == null ? null : from.toString(), to == null ? null : to.toString());
  }
}
