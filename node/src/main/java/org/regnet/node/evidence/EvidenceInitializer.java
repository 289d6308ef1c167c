package org.regnet.node.evidence;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The evidence pipeline, top to bottom: mutual TLS (a client certificate is required), idle
 * timeout, HTTP codec with no aggregator (bodies stream), the receiving handler on the disk
 * executor.
 */
final class EvidenceInitializer extends ChannelInitializer<SocketChannel> {
  private final Supplier<SSLContext> tls;
  private final EventExecutorGroup disk;
  private final Supplier<ReceiveHandler> handlers;

  EvidenceInitializer(
      Supplier<SSLContext> tls, EventExecutorGroup disk, Supplier<ReceiveHandler> handlers) {
    this.tls = tls;
    this.disk = disk;
    this.handlers = handlers;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    SSLEngine engine = tls.get().createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(true);
    ch.config().setAutoRead(false);
    ch.pipeline()
        .addLast("tls", new SslHandler(engine))
        .addLast("idle", new ReadTimeoutHandler(120))
        .addLast("http", new HttpServerCodec(4096, 8192, 64 * 1024))
        .addLast(disk, "receive", handlers.get());
  }
}
