package org.regnet.node.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web application's static files (from {@code webapp/} on the class path) at {@code /}
 * and {@code /app/...}, from the node's own origin, with a strict Content-Security-Policy: scripts,
 * styles and connections only from this origin, no inline script, no eval, no framing. Every other
 * request goes on to the API handler. Files are read once and kept in memory.
 */
@Sharable
public final class WebApp extends ChannelInboundHandlerAdapter {
  /** The policy sent with every page and asset. */
  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private static final Pattern FILE =
      Pattern.compile("/app/[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\\.(js|css|svg|ico|png)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "ico", "image/x-icon",
          "png", "image/png");
  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req)
        || !(req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD))) {
      ctx.fireChannelRead(msg);
      return;
    }
    String path;
    try {
      path = PathGuard.check(req.uri());
    } catch (ApiException e) {
      ctx.fireChannelRead(msg);
      return;
    }
    String file = path.equals("/") || path.equals("/index.html") ? "/index.html" : path;
    if (!file.equals("/index.html") && !FILE.matcher(file).matches()) {
      ctx.fireChannelRead(msg);
      return;
    }
    Optional<byte[]> bytes = cache.computeIfAbsent(file, WebApp::load);
    if (bytes.isEmpty()) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      boolean head = req.method().equals(HttpMethod.HEAD);
      byte[] body = bytes.get();
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
      String ext = file.substring(file.lastIndexOf('.') + 1);
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPES.get(ext));
      res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      res.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
      res.headers().set("X-Content-Type-Options", "nosniff");
      res.headers().set("X-Frame-Options", "DENY");
      res.headers().set("Referrer-Policy", "no-referrer");
      res.headers().set("Cross-Origin-Opener-Policy", "same-origin");
      res.headers().set("Strict-Transport-Security", "max-age=31536000");
      // Revalidated on each load, so a node upgrade never mixes old and new modules.
      res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
      if (HttpUtil.isKeepAlive(req)) {
        HttpUtil.setKeepAlive(res, true);
        ctx.writeAndFlush(res);
      } else {
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static Optional<byte[]> load(String file) {
    try (InputStream in = WebApp.class.getResourceAsStream("/webapp" + file)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
