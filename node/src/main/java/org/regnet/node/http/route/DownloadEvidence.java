package org.regnet.node.http.route;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import org.regnet.node.evidence.DocumentMeta;
import org.regnet.node.evidence.EvidenceException;
import org.regnet.node.evidence.EvidenceStore;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.EvidenceUpload;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.http.StreamingRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /v1/evidence/{documentId}/content: a verified document of this node's store, decrypted as it
 * is sent (never whole in the heap): each 64 KiB piece is written only after the previous one left,
 * on the evidence executor, never the event loop. The {@code X-Sha256} header carries the verified
 * hash.
 */
public final class DownloadEvidence implements StreamingRoute {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadEvidence.class);
  private final EvidenceStore store;
  private final ExecutorService readers;

  public DownloadEvidence(EvidenceStore store, ExecutorService readers) {
    this.store = store;
    this.readers = readers;
  }

  @Override
  public RouteSpec spec() {
    return Specs.gone(
        Specs.get(
            "/v1/evidence/{documentId}/content",
            "evidence:get",
            "A verified document's bytes (application/octet-stream), decrypted as they are sent",
            "EvidenceContent"));
  }

  @Override
  public void stream(ChannelHandlerContext ctx, RouteRequest request) {
    String id = request.path("documentId");
    DocumentMeta meta;
    InputStream in;
    try {
      meta = store.meta(id);
      in = store.open(id);
    } catch (EvidenceException e) {
      throw EvidenceUpload.translate(e);
    }
    if (ctx.pipeline().get("idle") != null) {
      ctx.pipeline().remove("idle"); // a slow reader of a large document is not idle
    }
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, meta.size());
    head.headers().set("X-Sha256", meta.sha256());
    head.headers().set("X-Content-Type-Options", "nosniff");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    ctx.writeAndFlush(head);
    readers.execute(() -> send(ctx, in, id));
  }

  private static void send(ChannelHandlerContext ctx, InputStream in, String id) {
    try (in) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        // wait for each piece to leave: back-pressure from the client's reading
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buf, 0, n))).sync();
      }
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    } catch (IOException | RuntimeException e) {
      LOG.info("evidence {} download broken: {}", id, e.getClass().getSimpleName());
      ctx.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ctx.close();
    }
  }

  @Override
  public Reply handle(RouteRequest request) {
    throw new ApiException("INTERNAL", "streaming route called as plain route");
  }
}
