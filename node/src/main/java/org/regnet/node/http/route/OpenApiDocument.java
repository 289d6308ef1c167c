package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import org.regnet.node.http.OpenApi;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** GET /v1/openapi.json: this API's OpenAPI 3 document, generated from the registered routes. */
public final class OpenApiDocument implements Route {
  private final Supplier<List<Route>> routes;
  private volatile ObjectNode cached;

  public OpenApiDocument(Supplier<List<Route>> routes) {
    this.routes = routes;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        io.netty.handler.codec.http.HttpMethod.GET,
        "/v1/openapi.json",
        null,
        "This API's OpenAPI 3 document",
        List.of(),
        "OpenApi",
        List.of(200));
  }

  @Override
  public Reply handle(RouteRequest request) {
    if (cached == null) {
      cached = OpenApi.document(routes.get());
    }
    return Reply.ok(cached);
  }
}
