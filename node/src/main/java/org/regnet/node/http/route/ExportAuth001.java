package org.regnet.node.http.route;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.Executor;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.http.StreamingRoute;
import org.regnet.node.service.AssistanceCases;
import org.regnet.node.service.Auth001;

/**
 * GET /v1/assistance/{requestId}/auth001: the request as an ISO 20022 auth.001.001.02
 * InformationRequestOpening (XML). A streaming route only because its body is not JSON.
 */
public final class ExportAuth001 implements StreamingRoute {
  private final AssistanceCases cases;
  private final Executor workers;

  public ExportAuth001(AssistanceCases cases, Executor workers) {
    this.cases = cases;
    this.workers = workers;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/assistance/{requestId}/auth001",
        "assistance:content",
        "Export a request as an ISO 20022 auth.001 InformationRequestOpening (XML)",
        "Auth001");
  }

  @Override
  public void stream(ChannelHandlerContext ctx, RouteRequest r) {
    Download.send(
        ctx,
        workers,
        () ->
            new Download.File(
                "application/xml; charset=utf-8",
                r.path("requestId") + ".auth001.xml",
                Auth001.render(cases.content(r.user().username(), r.path("requestId")))));
  }
}
