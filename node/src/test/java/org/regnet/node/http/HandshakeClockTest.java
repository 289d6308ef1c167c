package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeClockTest {
  private static final long TIMEOUT_MILLIS = 200;
  private final ExecutorService lane = Executors.newSingleThreadExecutor();
  private final EmbeddedChannel ch = new EmbeddedChannel();

  @AfterEach
  void stop() {
    lane.shutdownNow();
    ch.close();
  }

  @Test
  void a_client_that_sends_nothing_is_closed_after_the_timeout() throws Exception {
    HandshakeClock clock = new HandshakeClock(TIMEOUT_MILLIS);
    clock.watch(ch, handshake());
    Thread.sleep(TIMEOUT_MILLIS / 2);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("still within its time").isTrue();
    Thread.sleep(TIMEOUT_MILLIS);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void time_the_connections_work_waits_in_the_lane_does_not_count() throws Exception {
    HandshakeClock clock = new HandshakeClock(TIMEOUT_MILLIS);
    Promise<Void> handshake = handshake();
    clock.watch(ch, handshake);
    CountDownLatch laneFree = new CountDownLatch(1);
    lane.execute(() -> await(laneFree)); // the lane is busy with other connections' work
    CountDownLatch ran = new CountDownLatch(1);
    clock.tasksOn(lane).execute(ran::countDown);

    Thread.sleep(TIMEOUT_MILLIS * 3);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("its task waited three timeouts in the lane").isTrue();

    laneFree.countDown();
    ran.await();
    Thread.sleep(TIMEOUT_MILLIS / 4);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("the client's clock restarted when the task ended").isTrue();

    Thread.sleep(TIMEOUT_MILLIS * 2);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).as("then the client had its full time").isFalse();
  }

  @Test
  void a_completed_handshake_is_never_timed_out() throws Exception {
    HandshakeClock clock = new HandshakeClock(TIMEOUT_MILLIS);
    Promise<Void> handshake = handshake();
    clock.watch(ch, handshake);
    handshake.setSuccess(null);
    Thread.sleep(TIMEOUT_MILLIS * 2);
    ch.runScheduledPendingTasks();
    assertThat(ch.isOpen()).isTrue();
  }

  private Promise<Void> handshake() {
    return new DefaultPromise<>(ch.eventLoop());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
