package org.regnet.node.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.regnet.node.auth.AdminKey;

/**
 * The admin listener: plain HTTP on a loopback address (checked at configuration).
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format. Kept off the public HTTPS listener
 *       because metrics say how much each route is used; a scraper on the same host reads them.
 *   <li>{@code POST /users/{username}/disable} with the {@link AdminKey} derived from the node
 *       secret: disables a user while the node runs (the admin CLI uses it when the running node
 *       holds the database file).
 * </ul>
 */
public final class AdminServer implements AutoCloseable {
  private static final Pattern DISABLE = Pattern.compile("/users/([A-Za-z0-9._@-]{1,64})/disable");
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ExecutorService work =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "admin-worker");
            t.setDaemon(true);
            return t;
          });
  private final Metrics metrics;
  private final Predicate<String> disableUser;
  private final String adminKey;
  private Channel channel;

  /**
   * @param disableUser disables a user and revokes their tokens; false when there is no such user
   * @param adminKey the key write operations must present ({@link AdminKey#derive})
   */
  public AdminServer(Metrics metrics, Predicate<String> disableUser, String adminKey) {
    this.metrics = metrics;
    this.disableUser = disableUser;
    this.adminKey = adminKey;
  }

  public InetSocketAddress start(String host, int port) throws InterruptedException {
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ReadTimeoutHandler(30))
                        .addLast(new HttpServerCodec(4096, 8192, 8192))
                        .addLast(new HttpObjectAggregator(1024))
                        .addLast(new Handler());
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
    return (InetSocketAddress) channel.localAddress();
  }

  /** The bound address (after {@link #start}). */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      if (req.method().equals(HttpMethod.GET) && req.uri().equals("/metrics")) {
        respond(
            ctx,
            HttpResponseStatus.OK,
            "text/plain; version=0.0.4; charset=utf-8",
            metrics.prometheus());
        return;
      }
      Matcher m = DISABLE.matcher(req.uri());
      if (!req.method().equals(HttpMethod.POST) || !m.matches()) {
        respond(
            ctx,
            HttpResponseStatus.NOT_FOUND,
            "application/json",
            error("NOT_FOUND", "no such admin route"));
        return;
      }
      if (!AdminKey.matches(adminKey, req.headers().get(AdminKey.HEADER))) {
        respond(
            ctx,
            HttpResponseStatus.UNAUTHORIZED,
            "application/json",
            error("UNAUTHENTICATED", "admin key required"));
        return;
      }
      String username = m.group(1);
      // The database work runs off the event loop.
      CompletableFuture.supplyAsync(() -> disableUser.test(username), work)
          .whenComplete(
              (done, failure) -> {
                if (failure != null) {
                  respond(
                      ctx,
                      HttpResponseStatus.INTERNAL_SERVER_ERROR,
                      "application/json",
                      error("INTERNAL", "internal error"));
                } else if (done) {
                  respond(ctx, HttpResponseStatus.OK, "application/json", "{\"disabled\":true}");
                } else {
                  respond(
                      ctx,
                      HttpResponseStatus.NOT_FOUND,
                      "application/json",
                      error("NOT_FOUND", "no such user"));
                }
              });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static void respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, String type, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }

  private static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    work.shutdownNow();
  }
}
