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
import java.util.concurrent.TimeUnit;

/**
 * The admin listener: plain HTTP on a loopback address (checked at configuration), answering only
 * {@code GET /metrics} in the Prometheus text format. Kept off the public HTTPS listener because
 * metrics say how much each route is used; a scraper on the same host reads them.
 */
public final class AdminServer implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Metrics metrics;
  private Channel channel;

  public AdminServer(Metrics metrics) {
    this.metrics = metrics;
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
      boolean ok = req.method().equals(HttpMethod.GET) && req.uri().equals("/metrics");
      byte[] body =
          ok
              ? metrics.prometheus().getBytes(StandardCharsets.UTF_8)
              : "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"GET /metrics only\"}}"
                  .getBytes(StandardCharsets.UTF_8);
      FullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              ok ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
              Unpooled.wrappedBuffer(body));
      res.headers()
          .set(
              HttpHeaderNames.CONTENT_TYPE,
              ok ? "text/plain; version=0.0.4; charset=utf-8" : "application/json");
      res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
