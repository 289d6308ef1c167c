package org.regnet.node.http.route;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Json;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.http.StreamingRoute;
import org.regnet.node.store.InboxStore;

/**
 * GET /v1/inbox/stream: the inbox as Server-Sent Events, each with its position as {@code id},
 * resuming after {@code Last-Event-ID} (or {@code ?after=}); a browser authenticates with a
 * single-use {@code ?ticket=} from {@code POST /v1/inbox/stream-ticket}.
 *
 * <p>Fit for long use: the connection's idle timeout is removed; an idle stream gets a comment line
 * ({@code : heartbeat}) every heartbeat period, which also re-checks the token, so the stream ends
 * when its token expires or is revoked. Backpressure: the store is read (on the poller, never the
 * event loop) only while the connection is writable, so a slow reader never piles events up in
 * memory. A malformed {@code Last-Event-ID} is refused with 400 before the stream starts.
 */
public final class InboxStream implements StreamingRoute {
  private static final long POLL_MILLIS = 250;
  private final InboxStore inbox;
  private final ScheduledExecutorService poller;
  private final Predicate<String> tokenLive;
  private final Duration heartbeat;
  private final AtomicInteger paused = new AtomicInteger();

  /**
   * @param tokenLive whether a bearer token is still live (unexpired, unrevoked, user enabled)
   * @param heartbeat how often an idle stream gets a heartbeat and its token is checked again
   */
  public InboxStream(
      InboxStore inbox,
      ScheduledExecutorService poller,
      Predicate<String> tokenLive,
      Duration heartbeat) {
    this.inbox = inbox;
    this.poller = poller;
    this.tokenLive = tokenLive;
    this.heartbeat = heartbeat;
  }

  /** Open streams whose client has not yet taken what was sent (a metric). */
  public int pausedStreams() {
    return paused.get();
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/inbox/stream",
        "inbox:read",
        "Inbox as Server-Sent Events; resumes after Last-Event-ID or ?after=;"
            + " ?ticket= for browsers",
        "InboxEvent");
  }

  @Override
  public void stream(ChannelHandlerContext ctx, RouteRequest request) {
    String resume = request.headers().get("last-event-id");
    long start =
        resume != null
            ? InboxItems.position(resume.trim(), "Last-Event-ID")
            : InboxItems.position(request.query("after"), "after");
    if (request.token() == null) {
      throw new ApiException("UNAUTHENTICATED", "missing, expired or revoked token");
    }
    if (ctx.pipeline().get("idle") != null) {
      ctx.pipeline().remove("idle"); // a stream is meant to be idle for long stretches
    }
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
    head.headers().set("X-Content-Type-Options", "nosniff");
    ctx.writeAndFlush(head);
    new Session(ctx, request.token(), start).begin();
  }

  /** One open stream: its position, its token and its timers. */
  private final class Session {
    private final ChannelHandlerContext ctx;
    private final String token;
    private final AtomicLong position;
    private volatile long lastWrite = System.nanoTime();
    private boolean waiting; // guarded by this
    private ScheduledFuture<?> task;

    Session(ChannelHandlerContext ctx, String token, long start) {
      this.ctx = ctx;
      this.token = token;
      this.position = new AtomicLong(start);
    }

    void begin() {
      task = poller.scheduleWithFixedDelay(this::tick, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
      ctx.channel()
          .closeFuture()
          .addListener(
              f -> {
                task.cancel(false);
                resumed(); // a closed stream no longer waits
              });
    }

    /** Runs on the poller: sends new items when the client keeps up, else a due heartbeat. */
    private void tick() {
      try {
        if (!ctx.channel().isActive()) {
          task.cancel(false);
          return;
        }
        boolean heartbeatDue = System.nanoTime() - lastWrite >= heartbeat.toNanos();
        if (heartbeatDue && !tokenLive.test(token)) {
          end();
          return;
        }
        if (!ctx.channel().isWritable()) {
          // Backpressure: read nothing more until the client has taken what is queued, so a
          // slow reader holds at most Netty's write buffer plus one batch.
          synchronized (this) {
            if (!waiting && ctx.channel().isActive()) {
              waiting = true;
              paused.incrementAndGet();
            }
          }
          return;
        }
        resumed();
        var items = inbox.after(position.get(), 100);
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
        if (s.isEmpty() && heartbeatDue) {
          s.append(": heartbeat\n\n");
        }
        if (!s.isEmpty()) {
          lastWrite = System.nanoTime();
          byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
          ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
        }
      } catch (RuntimeException e) {
        end();
      }
    }

    private synchronized void resumed() {
      if (waiting) {
        waiting = false;
        paused.decrementAndGet();
      }
    }

    /** Ends the stream cleanly: the client's EventSource reconnects and must authenticate again. */
    private void end() {
      task.cancel(false);
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
