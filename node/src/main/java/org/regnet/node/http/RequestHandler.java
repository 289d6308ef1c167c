package org.regnet.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.apache.shiro.subject.Subject;
import org.regnet.node.auth.Security;
import org.regnet.node.service.LedgerException;
import org.regnet.node.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's one business handler. Checks return early in order: ambiguous path 400, no route 404,
 * wrong method 405, no or bad token 401, missing permission 403, bad body 400; then the route runs
 * on the worker pool (never on the event loop), and every path ends in {@link #send}. Errors become
 * a JSON body with a stable code; stack traces go to the log only.
 */
@Sharable
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final Set<String> JSON_TYPES = Set.of("application/json");

  private final Router router;
  private final Security security;
  private final ExecutorService workers;
  private final Metrics metrics;

  public RequestHandler(
      Router router, Security security, ExecutorService workers, Metrics metrics) {
    this.router = router;
    this.security = security;
    this.workers = workers;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    long start = System.nanoTime();
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      send(ctx, req, "-", error("BAD_REQUEST", null, "malformed request"), false, start);
      return;
    }
    Router.Match match;
    String path;
    try {
      path = PathGuard.check(req.uri());
      match =
          router
              .match(req.method(), path)
              .orElseThrow(() -> new ApiException("NOT_FOUND", "no such route"));
    } catch (ApiException e) {
      // An ambiguous request says nothing good about the rest of the connection: close it.
      send(ctx, req, "-", error(e), false, start);
      return;
    }
    RouteSpec spec = match.route().spec();
    byte[] body = ByteBufUtil.getBytes(req.content());
    Map<String, String> headers = new HashMap<>();
    req.headers()
        .forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    QueryStringDecoder query = new QueryStringDecoder(req.uri());
    try {
      workers.execute(
          () -> {
            Route.Reply reply;
            try {
              User user = null;
              String token = null;
              if (!spec.isPublic()) {
                token = bearer(headers.get("authorization"));
                Subject subject =
                    security
                        .authenticate(token)
                        .orElseThrow(
                            () ->
                                new ApiException(
                                    "UNAUTHENTICATED", "missing, expired or revoked token"));
                if (!subject.isPermitted(spec.permission())) {
                  throw new ApiException("FORBIDDEN", "your role does not permit this");
                }
                user = Security.user(subject);
              }
              ObjectNode json = body(spec, headers, body);
              RouteRequest request =
                  new RouteRequest(match.params(), query.parameters(), json, user, token, headers);
              if (match.route() instanceof StreamingRoute s) {
                ctx.executor().execute(() -> s.stream(ctx, request));
                return;
              }
              reply = match.route().handle(request);
            } catch (ApiException e) {
              reply = error(e);
            } catch (LedgerException e) {
              reply = error(e.code(), null, e.getMessage());
            } catch (RuntimeException e) {
              LOG.error("{} {} failed", req.method(), spec.path(), e);
              reply = error("INTERNAL", null, "internal error");
            }
            Route.Reply r = reply;
            ctx.executor().execute(() -> send(ctx, req, spec.path(), r, keepAlive, start));
          });
    } catch (RejectedExecutionException e) {
      send(
          ctx, req, spec.path(), error("UNAVAILABLE", null, "node is shutting down"), false, start);
    }
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException("UNAUTHENTICATED", "missing, expired or revoked token");
    }
    return authorization.substring(7).trim();
  }

  /**
   * The body, checked against the route's declared fields: unknown refused, required present,
   * types.
   */
  static ObjectNode body(RouteSpec spec, Map<String, String> headers, byte[] body) {
    if (body.length > 0) {
      String type =
          headers
              .getOrDefault("content-type", "")
              .split(";")[0]
              .trim()
              .toLowerCase(java.util.Locale.ROOT);
      if (!JSON_TYPES.contains(type)) {
        throw new ApiException("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
      }
    }
    ObjectNode json = Json.parseObject(body);
    Set<String> known = spec.body().stream().map(FieldSpec::name).collect(Collectors.toSet());
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new ApiException("VALIDATION_FAILED", f, "unknown field");
      }
    }
    for (FieldSpec f : spec.body()) {
      JsonNode v = json.get(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) {
          throw new ApiException("VALIDATION_FAILED", f.name(), "required");
        }
        continue;
      }
      boolean ok =
          switch (f.type()) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "array" -> v.isArray();
            case "object" -> v.isObject();
            default -> true;
          };
      if (!ok) {
        throw new ApiException("VALIDATION_FAILED", f.name(), "must be a JSON " + f.type());
      }
    }
    return json;
  }

  static Route.Reply error(ApiException e) {
    return error(e.code(), e.field(), e.getMessage());
  }

  static Route.Reply error(String code, String field, String message) {
    ObjectNode err = Json.object();
    ObjectNode inner = err.putObject("error");
    inner.put("code", code);
    inner.put("message", message);
    if (field != null) {
      inner.put("field", field);
    }
    return new Route.Reply(ErrorCatalogue.status(code).code(), err);
  }

  private void send(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      String route,
      Route.Reply reply,
      boolean keepAlive,
      long start) {
    byte[] bytes =
        reply.body() instanceof com.fasterxml.jackson.databind.node.TextNode t
            ? t.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)
            : Json.bytes(reply.body());
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(bytes));
    res.headers()
        .set(
            HttpHeaderNames.CONTENT_TYPE,
            reply.body() instanceof com.fasterxml.jackson.databind.node.TextNode
                ? "text/plain; version=0.0.4; charset=utf-8"
                : "application/json");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    res.headers().set("X-Content-Type-Options", "nosniff");
    long elapsed = System.nanoTime() - start;
    metrics.record(req.method().name(), route, reply.status(), elapsed);
    // Access log: the route template, never the path's values, query, body or headers.
    ACCESS.info("{} {} {} {}ms", req.method().name(), route, reply.status(), elapsed / 1_000_000);
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error: {}", cause.toString());
    ctx.close();
  }
}
