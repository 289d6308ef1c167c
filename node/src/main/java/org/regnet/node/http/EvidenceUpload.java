package org.regnet.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.apache.shiro.subject.Subject;
import org.regnet.node.auth.Security;
import org.regnet.node.evidence.CaseRef;
import org.regnet.node.evidence.DocumentMeta;
import org.regnet.node.evidence.EvidenceException;
import org.regnet.node.evidence.EvidenceStore;
import org.regnet.node.evidence.Incoming;

/**
 * The API's one streaming request path: {@code PUT /v1/evidence/{documentId}?caseRef=&receiver=
 * &sha256=&size=&offset=} with the document as the body ({@code application/octet-stream}). It sits
 * before the aggregator, so a 100 MB body never gathers in the heap: auto-read is off while a
 * document streams and each piece is asked for after the previous one is in the store. It runs on
 * its own executor (token check, disk writes). Anything else passes on untouched. The caller needs
 * {@code evidence:pin} (the same roles send). A broken upload resumes at {@code offset}.
 */
public final class EvidenceUpload extends ChannelInboundHandlerAdapter {
  private static final String PREFIX = "/v1/evidence/";
  private static final String PERMISSION = "evidence:pin";
  private final Security security;
  private final EvidenceStore store;
  private final String self;
  private Incoming incoming;
  private boolean uploading;

  public EvidenceUpload(Security security, EvidenceStore store, String self) {
    this.security = security;
    this.store = store;
    this.self = self;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req && isUpload(req)) {
      uploading = true;
      ctx.channel().config().setAutoRead(false);
      ReferenceCountUtil.release(msg);
      try {
        start(req);
      } catch (ApiException e) {
        fail(ctx, e);
      } catch (EvidenceException e) {
        fail(ctx, translate(e));
      }
      ctx.read();
      return;
    }
    if (!uploading) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (msg instanceof HttpContent content && incoming != null) {
        incoming.write(content.content().nioBuffer());
        if (content instanceof LastHttpContent) {
          finish(ctx);
        }
      }
    } catch (EvidenceException e) {
      fail(ctx, translate(e));
    } finally {
      ReferenceCountUtil.release(msg);
    }
    ctx.read();
  }

  private static boolean isUpload(HttpRequest req) {
    return req.method().equals(HttpMethod.PUT)
        && new QueryStringDecoder(req.uri()).path().startsWith(PREFIX);
  }

  private void start(HttpRequest req) {
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    Optional<Subject> subject =
        auth != null && auth.startsWith("Bearer ")
            ? security.authenticate(auth.substring(7))
            : Optional.empty();
    if (subject.isEmpty()) {
      throw new ApiException("UNAUTHENTICATED", "missing, expired or revoked token");
    }
    if (!subject.get().isPermitted(PERMISSION)) {
      throw new ApiException("FORBIDDEN", "your role does not permit this");
    }
    QueryStringDecoder q = new QueryStringDecoder(req.uri());
    String id = q.path().substring(PREFIX.length());
    long offset = number(param(q, "offset", "0"), "offset");
    DocumentMeta wanted =
        new DocumentMeta(
            id,
            CaseRef.parse(param(q, "caseRef", null)),
            self,
            param(q, "receiver", ""),
            param(q, "sha256", ""),
            number(param(q, "size", null), "size"),
            store.known(id) ? store.meta(id).salt() : DocumentMeta.newSalt());
    incoming = store.write(wanted, offset);
  }

  private void finish(ChannelHandlerContext ctx) {
    Incoming done = incoming;
    incoming = null;
    uploading = false;
    if (done.offset() < done.meta().size()) {
      done.close();
      respond(ctx, HttpResponseStatus.ACCEPTED, describe(done.meta(), false, done.offset()), false);
      return;
    }
    done.finish(); // the hash the officer declared, checked against what is stored
    respond(ctx, HttpResponseStatus.OK, describe(done.meta(), true, done.meta().size()), true);
  }

  private static ObjectNode describe(DocumentMeta m, boolean verified, long received) {
    ObjectNode o = Json.object();
    o.put("documentId", m.documentId());
    o.put("caseRef", m.caseRef().toString());
    o.put("sender", m.sender());
    o.put("receiver", m.receiver());
    o.put("sha256", m.sha256());
    o.put("size", m.size());
    o.put("verified", verified);
    o.put("received", received);
    return o;
  }

  private void fail(ChannelHandlerContext ctx, ApiException e) {
    if (incoming != null) {
      incoming.close();
      incoming = null;
    }
    Route.Reply r = RequestHandler.error(e);
    // The body may still be coming: answer and close rather than read it.
    uploading = true;
    FullHttpResponse res = response(HttpResponseStatus.valueOf(r.status()), (ObjectNode) r.body());
    res.headers().set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }

  private void respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, ObjectNode body, boolean keepAlive) {
    ctx.channel().config().setAutoRead(true);
    FullHttpResponse res = response(status, body);
    if (!keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(res);
    }
  }

  private static FullHttpResponse response(HttpResponseStatus status, ObjectNode body) {
    byte[] bytes = Json.bytes(body);
    FullHttpResponse res =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return res;
  }

  private static String param(QueryStringDecoder q, String name, String dflt) {
    var v = q.parameters().get(name);
    return v == null || v.isEmpty() ? dflt : v.get(0);
  }

  private static long number(String v, String field) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ApiException("VALIDATION_FAILED", field, "must be a whole number");
    }
  }

  /** The API's code for a refusal of the evidence store or transfer. */
  public static ApiException translate(EvidenceException e) {
    String code =
        switch (e.code()) {
          case BAD_CASE, BAD_DOCUMENT -> "VALIDATION_FAILED";
          case UNKNOWN_DOCUMENT -> "NOT_FOUND";
          case DELETED -> "DELETED";
          case NOT_A_PARTY -> "ACCESS_DENIED";
          case TOO_LARGE -> "PAYLOAD_TOO_LARGE";
          case HASH_MISMATCH -> "HASH_MISMATCH";
          case TRANSFER_FAILED -> "TRANSFER_FAILED";
          case WRONG_OFFSET, IN_USE, ALREADY_ACCEPTED -> "CONFLICT";
          case STORE_FAILED -> "INTERNAL";
        };
    return new ApiException(code, "evidence", e.getMessage());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (incoming != null) {
      incoming.close(); // whole chunks stay: the upload resumes from there
      incoming = null;
    }
    ctx.fireChannelInactive();
  }
}
