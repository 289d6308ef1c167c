package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;

/** GET /v1/me: who the caller is, for which authority, with which role and permissions. */
public final class WhoAmI implements Route {
  private final String authority;
  private final String mspId;

  public WhoAmI(String authority, String mspId) {
    this.authority = authority;
    this.mspId = mspId;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/me", "inbox:read", "The caller: user name, role, permissions, authority", "Me");
  }

  @Override
  public Reply handle(RouteRequest request) {
    ObjectNode out = Json.object();
    out.put("username", request.user().username());
    out.put("role", request.user().role());
    out.put("authority", authority);
    out.put("mspId", mspId);
    var permissions = out.putArray("permissions");
    Role.fromWire(request.user().role())
        .ifPresent(r -> new TreeSet<>(RuleTable.permissionsOf(r)).forEach(permissions::add));
    return Reply.ok(out);
  }
}
