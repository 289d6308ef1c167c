package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** GET /v1/health: the process answers (liveness). */
public final class Health implements Route {
  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        io.netty.handler.codec.http.HttpMethod.GET,
        "/v1/health",
        null,
        "Liveness",
        java.util.List.of(),
        "Health",
        java.util.List.of(200));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(Json.object().put("status", "UP"));
  }
}
