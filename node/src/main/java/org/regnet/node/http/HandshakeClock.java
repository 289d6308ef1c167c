package org.regnet.node.http;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's handshake timeout, counting only the time the node waits for the client.
 *
 * <p>While one of the connection's handshake tasks is queued or running on the node's lane, the
 * clock stands still; it runs from the connection's start and from the end of each task, and closes
 * the connection once it has run {@code timeoutMillis} without the handshake completing. So a
 * client that never sends its ClientHello, or stops halfway, is closed on time; a client whose
 * handshake waits behind a flood on the node's side is not (the node already accepted it and owes
 * it an answer). Not shared: one per connection.
 */
final class HandshakeClock {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeClock.class);

  /** How often a connection whose work is in the lane looks again. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long timeoutNanos;
  private final AtomicInteger inLane = new AtomicInteger();
  private volatile long runningSince = System.nanoTime();

  HandshakeClock(long timeoutMillis) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
  }

  /** An executor for the connection's delegated TLS tasks that stops this clock while they wait. */
  Executor tasksOn(Executor lane) {
    return task -> {
      inLane.incrementAndGet();
      lane.execute(
          () -> {
            try {
              task.run();
            } finally {
              // Restart before leaving the lane, so the check never sees neither.
              runningSince = System.nanoTime();
              inLane.decrementAndGet();
            }
          });
    };
  }

  /** Starts timing {@code ch}, until {@code handshake} completes (either way). */
  void watch(Channel ch, Future<?> handshake) {
    runningSince = System.nanoTime();
    ScheduledFuture<?> first =
        ch.eventLoop().schedule(() -> check(ch, handshake), timeoutNanos, TimeUnit.NANOSECONDS);
    handshake.addListener(f -> first.cancel(false));
  }

  /** Closes the connection when the client has had its full time; otherwise checks again later. */
  private void check(Channel ch, Future<?> handshake) {
    if (handshake.isDone() || !ch.isOpen()) {
      return;
    }
    long left =
        inLane.get() > 0
            ? Math.min(RECHECK_NANOS, timeoutNanos)
            : timeoutNanos - (System.nanoTime() - runningSince);
    if (left <= 0) {
      LOG.debug("handshake timed out waiting for the client {}", ch.remoteAddress());
      ch.close();
      return;
    }
    ScheduledFuture<?> next =
        ch.eventLoop().schedule(() -> check(ch, handshake), left, TimeUnit.NANOSECONDS);
    handshake.addListener(f -> next.cancel(false));
  }
}
