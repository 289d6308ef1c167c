package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.ErrorCatalogue;
import org.regnet.node.http.Json;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.http.StreamingRoute;
import org.regnet.node.service.AuditTrail;
import org.regnet.node.service.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /v1/audit/export?objectId|actorMsp|from&to&format=csv|json: the whole query (up to {@link
 * AuditTrail#MAX_EXPORT} entries) as a download, each entry with transaction id, block number and
 * timestamp. A streaming route only because its body is not JSON: the ledger work runs on the
 * worker pool, the event loop only writes.
 */
public final class ExportAudit implements StreamingRoute {
  private static final Logger LOG = LoggerFactory.getLogger(ExportAudit.class);
  static final List<String> COLUMNS =
      List.of(
          "entryId",
          "txId",
          "blockNumber",
          "timestamp",
          "action",
          "objectType",
          "objectId",
          "treatyId",
          "actorMsp",
          "actorRole",
          "actorSubject",
          "payloadHash");
  private final AuditTrail trail;
  private final Executor workers;

  public ExportAudit(AuditTrail trail, Executor workers) {
    this.trail = trail;
    this.workers = workers;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/audit/export",
        "audit:byActor",
        "Export the audit entries of a query as CSV or JSON (format=csv|json), with block numbers",
        "AuditExport");
  }

  @Override
  public void stream(ChannelHandlerContext ctx, RouteRequest r) {
    workers.execute(
        () -> {
          int status = 200;
          String type;
          String name;
          byte[] body;
          try {
            String format =
                Queries.oneOf(r.query("format"), "format", Set.of("csv", "json"), "json");
            List<JsonNode> entries = trail.all(r.user().username(), AuditQueries.of(r));
            if (format.equals("csv")) {
              body = csv(entries).getBytes(StandardCharsets.UTF_8);
              type = "text/csv; charset=utf-8";
            } else {
              var a = Json.MAPPER.createArrayNode();
              entries.forEach(a::add);
              var out = Json.object();
              out.set("entries", a);
              out.put("count", entries.size());
              body = Json.bytes(out);
              type = "application/json";
            }
            name = "audit-export." + format;
          } catch (ApiException e) {
            status = ErrorCatalogue.status(e.code()).code();
            body = error(e.code(), e.field(), e.getMessage());
            type = "application/json";
            name = null;
          } catch (LedgerException e) {
            status = ErrorCatalogue.status(e.code()).code();
            body = error(e.code(), null, e.getMessage());
            type = "application/json";
            name = null;
          } catch (RuntimeException e) {
            LOG.error("audit export failed", e);
            status = 500;
            body = error("INTERNAL", null, "internal error");
            type = "application/json";
            name = null;
          }
          FullHttpResponse res =
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1,
                  HttpResponseStatus.valueOf(status),
                  Unpooled.wrappedBuffer(body));
          res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
          res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
          res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
          res.headers().set("X-Content-Type-Options", "nosniff");
          res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
          if (name != null) {
            res.headers()
                .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
          }
          ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        });
  }

  static String csv(List<JsonNode> entries) {
    StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (JsonNode e : entries) {
      JsonNode actor = e.path("actor");
      List<String> row =
          List.of(
              e.path("entryId").asText(""),
              e.path("txId").asText(""),
              e.path("blockNumber").isNumber() ? e.path("blockNumber").asText() : "",
              e.path("timestamp").asText(""),
              e.path("action").asText(""),
              e.path("objectType").asText(""),
              e.path("objectId").asText(""),
              e.path("treatyId").asText(""),
              actor.path("msp").asText(""),
              actor.path("role").asText(""),
              actor.path("subject").asText(""),
              e.path("payloadHash").asText(""));
      s.append(String.join(",", row.stream().map(ExportAudit::cell).toList())).append("\r\n");
    }
    return s.toString();
  }

  /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheets. */
  private static String cell(String v) {
    String x = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    return x.contains(",") || x.contains("\"") || x.contains("\n") || x.contains("\r")
        ? "\"" + x.replace("\"", "\"\"") + "\""
        : x;
  }

  private static byte[] error(String code, String field, String message) {
    var err = Json.object();
    var inner = err.putObject("error");
    inner.put("code", code);
    inner.put("message", message);
    if (field != null) {
      inner.put("field", field);
    }
    return Json.bytes(err);
  }
}
