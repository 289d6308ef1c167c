package org.regnet.node.http;

import io.netty.buffer.Unpooled;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Swagger UI at {@code /v1/docs}, from the swagger-ui webjar on the class path (no CDN), with the
 * node's own page and initializer script (a file, not inline, so a strict Content-Security-Policy
 * holds: scripts, styles and requests from the node only). A fixed set of files, loaded once;
 * anything else goes on to the API.
 */
@Sharable
public final class DocsHandler extends ChannelInboundHandlerAdapter {
  /**
   * Scripts, styles, images and API calls from this origin only; no inline script, no framing. The
   * one inline style swagger-ui-bundle.js injects (5.34.1) is allowed by its hash, not by {@code
   * 'unsafe-inline'}; a browser test fails if a new version injects another.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self';"
          + " style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';"
          + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'";

  private record Asset(String type, byte[] bytes) {}

  private final Map<String, Asset> assets = new HashMap<>();

  public DocsHandler() {
    String webjar = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    add("/v1/docs", "/docs/index.html", "text/html; charset=utf-8");
    add("/v1/docs/swagger-initializer.js", "/docs/swagger-initializer.js", "text/javascript");
    add("/v1/docs/swagger-ui-bundle.js", webjar + "swagger-ui-bundle.js", "text/javascript");
    add(
        "/v1/docs/swagger-ui-standalone-preset.js",
        webjar + "swagger-ui-standalone-preset.js",
        "text/javascript");
    add("/v1/docs/swagger-ui.css", webjar + "swagger-ui.css", "text/css");
    add("/v1/docs/index.css", webjar + "index.css", "text/css");
    add("/v1/docs/favicon-32x32.png", webjar + "favicon-32x32.png", "image/png");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest req
        && req.method().equals(HttpMethod.GET)
        && assets.containsKey(req.uri())) {
      try {
        Asset a = assets.get(req.uri());
        FullHttpResponse res =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(a.bytes()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, a.type());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.bytes().length);
        res.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=3600");
        HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
        ctx.writeAndFlush(res);
      } finally {
        ReferenceCountUtil.release(req);
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private void add(String path, String resource, String type) {
    try (InputStream in = DocsHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing on the class path: " + resource);
      }
      assets.put(path, new Asset(type, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webjarVersion() {
    try (InputStream in =
        DocsHandler.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the swagger-ui webjar is not on the class path", e);
    }
  }
}
