package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.TextNode;
import org.regnet.node.http.Metrics;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** GET /v1/metrics: request counters in the Prometheus text format. */
public final class PrometheusMetrics implements Route {
  private final Metrics metrics;

  public PrometheusMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        io.netty.handler.codec.http.HttpMethod.GET,
        "/v1/metrics",
        null,
        "Metrics (Prometheus text format)",
        java.util.List.of(),
        "Metrics",
        java.util.List.of(200));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(new TextNode(metrics.prometheus()));
  }
}
