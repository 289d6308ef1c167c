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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.apache.shiro.subject.Subject;
import org.regnet.node.auth.Security;
import org.regnet.node.auth.StreamTickets;
import org.regnet.node.service.CommitUnknownException;
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
  private final WorkerPools workers;
  private final Metrics metrics;
  private final Idempotency idempotency;
  private final StreamTickets tickets;

  public RequestHandler(
      Router router,
      Security security,
      WorkerPools workers,
      Metrics metrics,
      Idempotency idempotency,
      StreamTickets tickets) {
    this.router = router;
    this.security = security;
    this.workers = workers;
    this.metrics = metrics;
    this.idempotency = idempotency;
    this.tickets = tickets;
  }

  /** The worker lanes (the TLS handshakes share the costly lane's cores). */
  WorkerPools workers() {
    return workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    long start = System.nanoTime();
    String client = clientAddress(ctx);
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      send(
          ctx,
          req,
          "-",
          error("BAD_REQUEST", null, "malformed request"),
          false,
          start,
          null,
          client);
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
      send(ctx, req, "-", error(e), false, start, null, client);
      return;
    }
    RouteSpec spec = match.route().spec();
    byte[] body = ByteBufUtil.getBytes(req.content());
    Map<String, String> headers = new HashMap<>();
    req.headers()
        .forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    QueryStringDecoder query = new QueryStringDecoder(req.uri());
    try {
      workers
          .laneOf(match.route())
          .execute(
              () -> {
                Route.Reply reply;
                User user = null;
                try {
                  String token = null;
                  if (!spec.isPublic()) {
                    token = credential(match.route(), headers, query);
                    Subject subject =
                        security
                            .authenticate(token)
                            .orElseThrow(
                                () ->
                                    new ApiException(
                                        "UNAUTHENTICATED", "missing, expired or revoked token"));
                    user = Security.user(subject);
                    if (!subject.isPermitted(spec.permission())) {
                      throw new ApiException("FORBIDDEN", "your role does not permit this");
                    }
                  }
                  ObjectNode json = body(spec, headers, body);
                  RouteRequest request =
                      new RouteRequest(
                          match.params(), query.parameters(), json, user, token, headers, client);
                  if (match.route() instanceof StreamingRoute s) {
                    User streaming = user;
                    ctx.executor()
                        .execute(() -> openStream(ctx, req, s, request, start, streaming));
                    return;
                  }
                  String key = headers.get(Idempotency.HEADER);
                  if (key != null && user != null && req.method().equals(HttpMethod.POST)) {
                    String who = user.username();
                    reply =
                        idempotency.run(
                            who,
                            key,
                            req.method().name(),
                            path,
                            body,
                            () -> execute(match.route(), request));
                  } else {
                    reply = execute(match.route(), request);
                  }
                } catch (ApiException e) {
                  reply = error(e);
                } catch (RuntimeException e) {
                  LOG.error("{} {} failed", req.method(), spec.path(), e);
                  reply = error("INTERNAL", null, "internal error");
                }
                Route.Reply r = reply;
                String who = user == null ? null : user.username();
                ctx.executor()
                    .execute(() -> send(ctx, req, spec.path(), r, keepAlive, start, who, client));
              });
    } catch (RejectedExecutionException e) {
      if (workers.isShutdown()) {
        send(
            ctx,
            req,
            spec.path(),
            error("UNAVAILABLE", null, "node is shutting down"),
            false,
            start,
            null,
            client);
      } else {
        // Shed, do not queue: the lane's queue is full (see WorkerPools).
        send(
            ctx,
            req,
            spec.path(),
            error(new ApiException("BUSY", null, "node at capacity; try again shortly", 1)),
            keepAlive,
            start,
            null,
            client);
      }
    }
  }

  /** Runs a route, turning every refusal into its JSON reply. */
  private static Route.Reply execute(Route route, RouteRequest request) {
    try {
      return route.handle(request);
    } catch (ApiException e) {
      return error(e);
    } catch (LedgerException e) {
      return error(e.code(), null, e.getMessage());
    } catch (CommitUnknownException e) {
      // Submitted, outcome unknown: never "try again" (it may have committed); say where to look.
      ObjectNode accepted = Json.object();
      accepted.put("status", "PENDING");
      accepted.put("transactionId", e.transactionId());
      accepted.put("statusUrl", "/v1/transactions/" + e.transactionId());
      return new Route.Reply(202, accepted);
    }
  }

  /** Opens a stream on the event loop; a refusal before the first byte is a JSON error. */
  private void openStream(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      StreamingRoute s,
      RouteRequest request,
      long start,
      User user) {
    try {
      s.stream(ctx, request);
      ACCESS.info(
          "{} {} 200 stream user={} client={}",
          req.method().name(),
          s.spec().path(),
          user == null ? "-" : user.username(),
          request.clientAddress());
    } catch (ApiException e) {
      send(
          ctx,
          req,
          s.spec().path(),
          error(e),
          false,
          start,
          user == null ? null : user.username(),
          request.clientAddress());
    }
  }

  /**
   * The bearer token of the request: the Authorization header, or, for a stream only, the token a
   * single-use {@code ?ticket=} stands for (browsers' EventSource cannot set headers).
   */
  private String credential(Route route, Map<String, String> headers, QueryStringDecoder query) {
    if (headers.get("authorization") == null && route instanceof StreamingRoute) {
      List<String> ticket = query.parameters().get("ticket");
      if (ticket != null && ticket.size() == 1) {
        return tickets
            .redeem(ticket.get(0))
            .orElseThrow(
                () -> new ApiException("UNAUTHENTICATED", "missing, expired or spent ticket"));
      }
    }
    return bearer(headers.get("authorization"));
  }

  private static String clientAddress(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : "-";
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
    Route.Reply r = error(e.code(), e.field(), e.getMessage());
    if (e.retryAfterSeconds() > 0) {
      ((ObjectNode) r.body().get("error")).put("retryAfterSeconds", e.retryAfterSeconds());
    }
    return r;
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
      long start,
      String user,
      String client) {
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
    JsonNode retry = reply.body().path("error").path("retryAfterSeconds");
    if (retry.isIntegralNumber()) {
      res.headers().set(HttpHeaderNames.RETRY_AFTER, retry.asLong());
    }
    if (reply.status() == 202 && reply.body().path("statusUrl").isTextual()) {
      res.headers().set(HttpHeaderNames.LOCATION, reply.body().path("statusUrl").asText());
    }
    long elapsed = System.nanoTime() - start;
    metrics.record(req.method().name(), route, reply.status(), elapsed);
    // Access log: the route template, the user and the client address; never the path's values,
    // query, body or headers.
    ACCESS.info(
        "{} {} {} {}ms user={} client={}",
        req.method().name(),
        route,
        reply.status(),
        elapsed / 1_000_000,
        user == null ? "-" : user,
        client);
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
