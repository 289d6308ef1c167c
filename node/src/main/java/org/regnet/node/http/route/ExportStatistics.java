package org.regnet.node.http.route;

import io.netty.channel.ChannelHandlerContext;
import java.util.Set;
import java.util.concurrent.Executor;
import org.regnet.node.http.Json;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.http.StreamingRoute;
import org.regnet.node.service.AssistanceCases;
import org.regnet.node.service.StatisticsCsv;

/**
 * GET /v1/assistance/statistics?counterparty=&format=json|csv: cooperation statistics per
 * counterparty, computed by the chaincode from the request records both parties share.
 */
public final class ExportStatistics implements StreamingRoute {
  private final AssistanceCases cases;
  private final Executor workers;

  public ExportStatistics(AssistanceCases cases, Executor workers) {
    this.cases = cases;
    this.workers = workers;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/assistance/statistics",
        "assistance:statistics",
        "Cooperation statistics per counterparty as JSON or CSV (format=json|csv, counterparty=MSP)",
        "CooperationStatistics");
  }

  @Override
  public void stream(ChannelHandlerContext ctx, RouteRequest r) {
    Download.send(
        ctx,
        workers,
        () -> {
          String format = Queries.oneOf(r.query("format"), "format", Set.of("csv", "json"), "json");
          var report = cases.statistics(r.user().username(), r.query("counterparty"));
          return format.equals("csv")
              ? new Download.File(
                  "text/csv; charset=utf-8",
                  "cooperation-statistics.csv",
                  StatisticsCsv.render(report))
              : new Download.File(
                  "application/json",
                  "cooperation-statistics.json",
                  new String(Json.bytes(report), java.nio.charset.StandardCharsets.UTF_8));
        });
  }
}
