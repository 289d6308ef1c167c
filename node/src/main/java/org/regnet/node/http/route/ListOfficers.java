package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Casework;

/** GET /v1/casework/officers: active officers of this authority a case can be assigned to. */
public final class ListOfficers implements Route {
  private final Casework casework;

  public ListOfficers(Casework casework) {
    this.casework = casework;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/casework/officers",
        "casework:assign",
        "Officers of this authority a case can be assigned to",
        "Officers");
  }

  @Override
  public Reply handle(RouteRequest r) {
    var out = Json.object();
    var items = out.putArray("items");
    casework
        .officers()
        .forEach(u -> items.addObject().put("username", u.username()).put("role", u.role()));
    return Reply.ok(out);
  }
}
