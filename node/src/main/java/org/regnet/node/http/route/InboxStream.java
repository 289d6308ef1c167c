package org.regnet.node.http.route;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.regnet.node.http.Json;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.http.StreamingRoute;
import org.regnet.node.store.InboxStore;

/**
 * GET /v1/inbox/stream: the inbox as Server-Sent Events, each with its position as {@code id},
 * resuming after {@code Last-Event-ID} (or {@code ?after=}). Polls the local inbox on the worker
 * pool every 250 ms; the event loop only writes.
 */
public final class InboxStream implements StreamingRoute {
  private final InboxStore inbox;
  private final ScheduledExecutorService poller;

  public InboxStream(InboxStore inbox, ScheduledExecutorService poller) {
    this.inbox = inbox;
    this.poller = poller;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/inbox/stream",
        "inbox:read",
        "Inbox as Server-Sent Events; resumes after Last-Event-ID or ?after=",
        "InboxEvent");
  }

  @Override
  public void stream(ChannelHandlerContext ctx, RouteRequest request) {
    String resume = request.headers().get("last-event-id");
    long start = InboxItems.position(resume != null ? resume : request.query("after"), "after");
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
    ctx.writeAndFlush(head);
    AtomicLong position = new AtomicLong(start);
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    task[0] =
        poller.scheduleWithFixedDelay(
            () -> {
              if (!ctx.channel().isActive()) {
                task[0].cancel(false);
                return;
              }
              var items = inbox.after(position.get(), 100);
              if (items.isEmpty()) {
                return;
              }
              StringBuilder s = new StringBuilder();
              for (var i : items) {
                s.append("id: ")
                    .append(i.seq())
                    .append('\n')
                    .append("event: ")
                    .append(i.event())
                    .append('\n')
                    .append("data: ")
                    .append(Json.text(InboxItems.json(i)))
                    .append("\n\n");
                position.set(i.seq());
              }
              byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
              ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            },
            0,
            250,
            TimeUnit.MILLISECONDS);
    ctx.channel().closeFuture().addListener(f -> task[0].cancel(false));
  }
}
