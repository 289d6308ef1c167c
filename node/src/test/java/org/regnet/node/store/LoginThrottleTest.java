package org.regnet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login policy of docs/operations.md, on the throttle's own clock: free failures per (name,
 * address) and per address, then a backoff of 15 s doubling with each further failure up to the
 * maximum; no counter per name alone; a success clears the name's counter from that address only;
 * counters forgotten a day after the last failure.
 */
class LoginThrottleTest {
  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  private static final Duration MAX = Duration.ofMinutes(5);
  @TempDir Path dir;
  private Database db;
  private LoginThrottle throttle;

  @BeforeEach
  void open() {
    db = new Database(dir.resolve("data"), "a-node-secret-long-enough-0123456789");
    // 3 free failures for one name from one address, 10 from one address across names
    throttle = new LoginThrottle(db, 3, 10, MAX);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void the_backoff_starts_at_15_s_after_the_free_failures_and_doubles_up_to_the_maximum() {
    Instant now = T0;
    throttle.failed("vera", "10.0.0.1", now);
    throttle.failed("vera", "10.0.0.1", now);
    assertThat(throttle.wait("vera", "10.0.0.1", now)).isZero();
    long[] expected = {15, 30, 60, 120, 240, 300, 300};
    for (long seconds : expected) {
      throttle.failed("vera", "10.0.0.1", now);
      assertThat(throttle.wait("vera", "10.0.0.1", now)).isEqualTo(Duration.ofSeconds(seconds));
      now = now.plusSeconds(seconds); // the caller waits its turn, then fails again
      assertThat(throttle.wait("vera", "10.0.0.1", now)).isZero();
    }
  }

  @Test
  void a_stranger_failing_on_purpose_slows_only_their_own_address() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("vera", "10.0.0.66", T0);
    }
    assertThat(throttle.wait("vera", "10.0.0.66", T0)).isPositive();
    // Vera from her own address, and another name from the stranger's, go ahead.
    assertThat(throttle.wait("vera", "10.0.0.1", T0)).isZero();
    assertThat(throttle.wait("otto", "10.0.0.66", T0)).isZero();
  }

  @Test
  void one_address_spraying_many_names_is_slowed_by_its_address_counter() {
    for (int i = 0; i < 9; i++) {
      throttle.failed("name-" + i, "10.0.0.66", T0);
    }
    assertThat(throttle.wait("fresh-name", "10.0.0.66", T0)).isZero();
    throttle.failed("name-9", "10.0.0.66", T0);
    // the tenth failure from the address: every name from it waits, none from elsewhere
    assertThat(throttle.wait("fresh-name", "10.0.0.66", T0)).isEqualTo(Duration.ofSeconds(15));
    assertThat(throttle.wait("fresh-name", "10.0.0.2", T0)).isZero();
  }

  @Test
  void a_success_clears_the_names_counter_from_that_address_but_not_the_addresses() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("vera", "10.0.0.1", T0);
    }
    assertThat(throttle.wait("vera", "10.0.0.1", T0)).isPositive();
    throttle.succeeded("vera", "10.0.0.1");
    assertThat(throttle.wait("vera", "10.0.0.1", T0)).isZero();
    // the address's own count goes on: 3 so far, 7 more reach its 10 free failures
    for (int i = 0; i < 7; i++) {
      throttle.failed("other-" + i, "10.0.0.1", T0);
    }
    assertThat(throttle.wait("vera", "10.0.0.1", T0)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void counters_are_forgotten_a_day_after_the_last_failure() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("vera", "10.0.0.1", T0);
    }
    // any later failure sweeps counters whose last failure is over a day old
    Instant dayLater = T0.plus(Duration.ofDays(1)).plusSeconds(1);
    throttle.failed("otto", "10.0.0.9", dayLater);
    throttle.failed("vera", "10.0.0.1", dayLater);
    // a fresh count: the first failure is free again
    assertThat(throttle.wait("vera", "10.0.0.1", dayLater)).isZero();
  }
}
