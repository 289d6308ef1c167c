package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.function.Supplier;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Readiness;

/**
 * GET /v1/ready: the ledger answers the node's own identity, and how far the event follower is
 * behind. Public and cheap: answered from a cached probe, never a ledger call per request.
 */
public final class Ready implements Route {
  private final Supplier<Readiness> probe;

  public Ready(Supplier<Readiness> probe) {
    this.probe = probe;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        HttpMethod.GET,
        "/v1/ready",
        null,
        "Readiness: the ledger answers (cached probe); the event follower's lag",
        List.of(),
        "Ready",
        List.of(200, 503));
  }

  @Override
  public Reply handle(RouteRequest request) {
    Readiness r = probe.get();
    if (!r.ready()) {
      throw new ApiException("UNAVAILABLE", null, "the ledger does not answer", 5);
    }
    ObjectNode out =
        Json.object().put("status", "READY").put("checkedAt", r.checkedAt().toString());
    ObjectNode follower = out.putObject("follower");
    follower.put("checkpointBlock", r.checkpointBlock());
    if (r.ledgerHeight() >= 0) {
      follower.put("ledgerHeight", r.ledgerHeight());
      follower.put("blocksBehind", r.blocksBehind());
    }
    return Reply.ok(out);
  }
}
