package org.regnet.node.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Builds the pipeline, top to bottom: TLS (its handshakes on a lane of their own, {@link
 * TlsHandshakes}), idle timeout (a stream removes it), HTTP codec, keep-alive, evidence uploads
 * (streamed, when configured), aggregator with the body limit, one request at a time (pipelined
 * requests answered in order), the API documentation's static files, the web application's static
 * files, the API.
 */
public final class NodeInitializer extends ChannelInitializer<SocketChannel>
    implements AutoCloseable {
  private final SslContext ssl;
  private final TlsHandshakes handshakes;
  private final int maxBodyBytes;
  private final RequestHandler handler;
  private final DocsHandler docs = new DocsHandler();
  private final WebApp webApp = new WebApp();

  private final java.util.function.Supplier<EvidenceUpload> uploads;
  private final io.netty.util.concurrent.EventExecutorGroup uploadExecutor;

  public NodeInitializer(SslContext ssl, int maxBodyBytes, RequestHandler handler) {
    this(ssl, maxBodyBytes, handler, null, null);
  }

  /**
   * With evidence uploads: a streaming handler before the aggregator, on {@code uploadExecutor}
   * (docs/decisions/0019).
   */
  public NodeInitializer(
      SslContext ssl,
      int maxBodyBytes,
      RequestHandler handler,
      java.util.function.Supplier<EvidenceUpload> uploads,
      io.netty.util.concurrent.EventExecutorGroup uploadExecutor) {
    this.ssl = ssl;
    this.handshakes = TlsHandshakes.defaults(handler.workers().costlyCpu());
    this.maxBodyBytes = maxBodyBytes;
    this.handler = handler;
    this.uploads = uploads;
    this.uploadExecutor = uploadExecutor;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("tls", handshakes.handler(ssl, ch))
        .addLast("idle", new ReadTimeoutHandler(300))
        .addLast("http", new HttpServerCodec(4096, 8192, 8192))
        .addLast("keepalive", new HttpServerKeepAliveHandler());
    if (uploads != null) {
      // Streams PUT /v1/evidence/{id} into the store; everything else passes on.
      ch.pipeline().addLast(uploadExecutor, "evidence-upload", uploads.get());
    }
    ch.pipeline()
        // Answers 413 itself (JSON) when a body is over the limit.
        .addLast("aggregate", new JsonAggregator(maxBodyBytes))
        .addLast("in-order", new InOrder())
        .addLast("docs", docs)
        .addLast("webapp", webApp)
        .addLast("api", handler);
  }

  @Override
  public void close() {
    handshakes.close();
  }
}
