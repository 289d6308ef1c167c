package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TlsHandshakesTest {

  @Test
  void handshake_work_runs_on_its_own_lane_not_the_callers_thread() throws Exception {
    try (TlsHandshakes lane = new TlsHandshakes(1, 4)) {
      AtomicReference<String> ranOn = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      lane.execute(
          () -> {
            ranOn.set(Thread.currentThread().getName());
            done.countDown();
          });
      done.await();
      assertThat(ranOn.get()).startsWith("tls-handshake-");
    }
  }

  @Test
  void handshake_work_waits_while_the_costly_lane_holds_the_shared_cores() throws Exception {
    WorkerPools pools = new WorkerPools(1, 1, 1, 1);
    try (TlsHandshakes lane = new TlsHandshakes(1, 4, pools.costlyCpu())) {
      java.util.concurrent.Semaphore cpu = pools.costlyCpu();
      cpu.acquire(); // as a login's password check holds it
      java.util.concurrent.atomic.AtomicInteger phase =
          new java.util.concurrent.atomic.AtomicInteger();
      AtomicReference<Integer> seen = new AtomicReference<>();
      AtomicReference<Integer> free = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      lane.execute(
          () -> {
            seen.set(phase.get());
            free.set(cpu.availablePermits());
            done.countDown();
          });
      phase.set(1);
      cpu.release();
      done.await();
      assertThat(seen.get()).as("ran only after the costly work let go").isEqualTo(1);
      assertThat(free.get()).as("and held the core while it ran").isZero();
    } finally {
      pools.shutdownNow();
    }
  }

  @Test
  void accepting_pauses_while_the_lane_is_backed_up_and_resumes_when_it_drains() throws Exception {
    EmbeddedChannel server = new EmbeddedChannel();
    try (TlsHandshakes lane = new TlsHandshakes(1, 4)) {
      lane.watch(server);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      lane.execute(
          () -> {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      started.await();
      CountDownLatch all = new CountDownLatch(5);
      for (int i = 0; i < 5; i++) {
        lane.execute(all::countDown);
      }
      assertThat(lane.queued()).isEqualTo(5);
      assertThat(server.config().isAutoRead()).as("accepting above 4 queued").isFalse();

      release.countDown();
      all.await();
      // The last task's own check resumes accepting; wait for the lane to finish it.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!server.config().isAutoRead() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.config().isAutoRead()).isTrue();
    }
    server.close();
  }
}
