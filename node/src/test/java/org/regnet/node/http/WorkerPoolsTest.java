package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolsTest {
  private final WorkerPools pools = new WorkerPools(1, 2, 1, 1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pools.shutdownNow();
  }

  private final Route plain =
      new Route() {
        @Override
        public RouteSpec spec() {
          return null;
        }

        @Override
        public Reply handle(RouteRequest request) {
          return null;
        }
      };
  private final CostlyRoute costly =
      new CostlyRoute() {
        @Override
        public RouteSpec spec() {
          return null;
        }

        @Override
        public Reply handle(RouteRequest request) {
          return null;
        }
      };

  private void block(Route route) {
    pools
        .laneOf(route)
        .execute(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  @Test
  void a_full_lane_refuses_at_once_instead_of_queueing_without_bound() {
    block(plain); // running
    block(plain); // queued
    block(plain); // queued
    assertThat(pools.queuedApi()).isEqualTo(2);
    assertThatThrownBy(() -> block(plain)).isInstanceOf(RejectedExecutionException.class);
    assertThat(pools.isShutdown()).isFalse();
  }

  @Test
  void costly_routes_never_take_an_api_thread() throws Exception {
    block(costly); // the costly lane's one thread
    block(costly); // its one queue slot
    assertThatThrownBy(() -> block(costly)).isInstanceOf(RejectedExecutionException.class);
    CountDownLatch ran = new CountDownLatch(1);
    pools.laneOf(plain).execute(ran::countDown);
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void after_shutdown_a_refusal_says_so() {
    pools.shutdownNow();
    assertThat(pools.isShutdown()).isTrue();
    assertThatThrownBy(() -> block(plain)).isInstanceOf(RejectedExecutionException.class);
  }
}
