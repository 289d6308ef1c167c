package org.regnet.node.http.route;

import java.util.function.BooleanSupplier;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** GET /v1/ready: the node reaches its peer and its chaincode answers (readiness). */
public final class Ready implements Route {
  private final BooleanSupplier ledgerReady;

  public Ready(BooleanSupplier ledgerReady) {
    this.ledgerReady = ledgerReady;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        io.netty.handler.codec.http.HttpMethod.GET,
        "/v1/ready",
        null,
        "Readiness: the ledger answers",
        java.util.List.of(),
        "Health",
        java.util.List.of(200, 503));
  }

  @Override
  public Reply handle(RouteRequest request) {
    if (!ledgerReady.getAsBoolean()) {
      throw new ApiException("UNAVAILABLE", "the ledger does not answer");
    }
    return Reply.ok(Json.object().put("status", "READY"));
  }
}
