package org.regnet.node.http.route;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.ErrorCatalogue;
import org.regnet.node.http.Json;
import org.regnet.node.service.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply whose body is not JSON (CSV, XML), for the streaming routes that offer one: the work runs
 * on the worker pool, the event loop only writes; a failure is the usual JSON error.
 */
final class Download {
  private static final Logger LOG = LoggerFactory.getLogger(Download.class);

  /** The file: its content type, its name and its text. */
  record File(String type, String name, String text) {}

  private Download() {}

  static void send(ChannelHandlerContext ctx, Executor workers, Supplier<File> work) {
    workers.execute(
        () -> {
          int status = 200;
          String type;
          String name = null;
          byte[] body;
          try {
            File f = work.get();
            type = f.type();
            name = f.name();
            body = f.text().getBytes(StandardCharsets.UTF_8);
          } catch (ApiException e) {
            status = ErrorCatalogue.status(e.code()).code();
            body = error(e.code(), e.field(), e.getMessage());
            type = "application/json";
          } catch (LedgerException e) {
            status = ErrorCatalogue.status(e.code()).code();
            body = error(e.code(), null, e.getMessage());
            type = "application/json";
          } catch (RuntimeException e) {
            LOG.error("download failed", e);
            status = 500;
            body = error("INTERNAL", null, "internal error");
            type = "application/json";
          }
          FullHttpResponse res =
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1,
                  HttpResponseStatus.valueOf(status),
                  Unpooled.wrappedBuffer(body));
          res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
          res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
          res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
          res.headers().set("X-Content-Type-Options", "nosniff");
          res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
          if (name != null) {
            res.headers()
                .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
          }
          ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        });
  }

  private static byte[] error(String code, String field, String message) {
    var err = Json.object();
    var inner = err.putObject("error");
    inner.put("code", code);
    inner.put("message", message);
    if (field != null) {
      inner.put("field", field);
    }
    return Json.bytes(err);
  }
}
