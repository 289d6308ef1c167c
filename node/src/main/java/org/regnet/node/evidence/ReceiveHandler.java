package org.regnet.node.evidence;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one document per connection, streaming: the body goes chunk by chunk into the store, and
 * the next read is asked for only when a piece is written (auto-read is off), so a fast sender
 * cannot fill the heap. Runs on its own executor: disk writes never block the event loop.
 *
 * <p>{@code HEAD /evidence/<id>} answers the received offset ({@code X-Received-Offset}); {@code
 * PUT /evidence/<id>} with {@code X-Case, X-Sender, X-Receiver, X-Sha256, X-Size, X-Salt, X-Offset}
 * sends the bytes from that offset. The sender must be the authority of the peer's certificate
 * chain.
 */
final class ReceiveHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveHandler.class);
  private static final String PREFIX = "/evidence/";
  private final EvidenceStore store;
  private final AuthorityTrust trust;
  private final String self;
  private final CaseParties parties;
  private final Custody custody;
  private Incoming incoming;
  private boolean discarding;

  ReceiveHandler(
      EvidenceStore store,
      AuthorityTrust trust,
      String self,
      CaseParties parties,
      Custody custody) {
    this.store = store;
    this.trust = trust;
    this.self = self;
    this.parties = parties;
    this.custody = custody;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest req) {
        start(ctx, req);
      }
      if (msg instanceof HttpContent content && incoming != null && !discarding) {
        incoming.write(content.content().nioBuffer());
        if (content instanceof LastHttpContent) {
          finish(ctx);
        }
      }
    } catch (EvidenceException e) {
      fail(ctx, e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
    ctx.read();
  }

  private void start(ChannelHandlerContext ctx, HttpRequest req) {
    String uri = req.uri();
    if (!uri.startsWith(PREFIX)) {
      throw new EvidenceException(EvidenceException.Code.UNKNOWN_DOCUMENT, "no such path");
    }
    String id = uri.substring(PREFIX.length());
    String peer =
        peerAuthority(ctx)
            .orElseThrow(
                () -> new EvidenceException(EvidenceException.Code.NOT_A_PARTY, "unknown peer"));
    if (req.method().equals(HttpMethod.HEAD)) {
      long offset = 0;
      if (store.known(id)) {
        DocumentMeta meta = store.meta(id);
        if (!meta.sender().equals(peer)) {
          throw new EvidenceException(EvidenceException.Code.UNKNOWN_DOCUMENT, "no such document");
        }
        offset = store.accepted(id) ? meta.size() : store.receivedOffset(id);
      }
      respond(ctx, HttpResponseStatus.OK, "", offset);
      discarding = true;
      return;
    }
    if (!req.method().equals(HttpMethod.PUT)) {
      throw new EvidenceException(EvidenceException.Code.BAD_DOCUMENT, "HEAD or PUT");
    }
    HttpHeaders h = req.headers();
    DocumentMeta meta =
        new DocumentMeta(
            id,
            CaseRef.parse(h.get("X-Case")),
            h.get("X-Sender"),
            h.get("X-Receiver"),
            h.get("X-Sha256"),
            number(h.get("X-Size")),
            h.get("X-Salt"));
    // The peer's certificate, not a header, says who sends; and only to this node's authority.
    if (!meta.sender().equals(peer) || !meta.receiver().equals(self)) {
      throw new EvidenceException(EvidenceException.Code.NOT_A_PARTY, "not the sender's node");
    }
    if (!parties.parties(meta.caseRef(), meta.sender(), meta.receiver())) {
      throw new EvidenceException(EvidenceException.Code.NOT_A_PARTY, "not parties to the case");
    }
    incoming = store.write(meta, number(h.get("X-Offset")));
  }

  private void finish(ChannelHandlerContext ctx) {
    Incoming done = incoming;
    incoming = null;
    if (done.offset() < done.meta().size()) {
      done.close();
      respond(ctx, HttpResponseStatus.ACCEPTED, "{\"complete\":false}", done.offset());
      return;
    }
    done.finish(); // verifies the hash before anything is recorded
    boolean recorded = true;
    try {
      custody.receive(done.meta());
    } catch (RuntimeException e) {
      // The document is verified and kept; an officer records receipt later (the receipt route).
      recorded = false;
      LOG.warn(
          "evidence {} accepted, receipt not recorded: {}",
          done.meta().documentId(),
          e.getMessage());
    }
    LOG.info("evidence {} accepted", done.meta().documentId());
    respond(
        ctx,
        HttpResponseStatus.OK,
        "{\"complete\":true,\"receiptRecorded\":" + recorded + "}",
        done.meta().size());
  }

  private void fail(ChannelHandlerContext ctx, EvidenceException e) {
    LOG.info("evidence transfer refused: {}", e.code());
    if (incoming != null) {
      incoming.close();
      incoming = null;
    }
    discarding = true;
    HttpResponseStatus status =
        switch (e.code()) {
          case NOT_A_PARTY -> HttpResponseStatus.FORBIDDEN;
          case UNKNOWN_DOCUMENT -> HttpResponseStatus.NOT_FOUND;
          case DELETED -> HttpResponseStatus.GONE;
          case WRONG_OFFSET, ALREADY_ACCEPTED, IN_USE -> HttpResponseStatus.CONFLICT;
          case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
          case HASH_MISMATCH, BAD_CASE, BAD_DOCUMENT -> HttpResponseStatus.UNPROCESSABLE_ENTITY;
          default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    respond(ctx, status, "{\"code\":\"" + e.code() + "\"}", -1)
        .addListener(ChannelFutureListener.CLOSE);
  }

  private io.netty.channel.ChannelFuture respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, String body, long offset) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
    res.headers().set(HttpHeaderNames.CONNECTION, "close");
    if (offset >= 0) {
      res.headers().set("X-Received-Offset", Long.toString(offset));
    }
    return ctx.writeAndFlush(res);
  }

  private Optional<String> peerAuthority(ChannelHandlerContext ctx) {
    try {
      Certificate[] certs =
          ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
      return trust.authorityOf(
          Arrays.stream(certs).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new));
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new EvidenceException(EvidenceException.Code.BAD_DOCUMENT, "not a number");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (incoming != null) {
      incoming.close(); // keeps every whole chunk: the sender resumes from there
      incoming = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.info("evidence connection failed: {}", cause.getClass().getSimpleName());
    ctx.close();
  }
}
