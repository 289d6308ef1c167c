package org.regnet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The resend schedule against an ordering service that behaves as Raft's does under a leader kill:
 * a copy may be acknowledged and lost; the first copy that is ordered decides the commit status,
 * later copies of the same id are invalid as DUPLICATE_TXID. Time is a fake clock moved only by the
 * waits, so nothing here depends on the machine's speed.
 */
class CommitWaitTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration RESEND = Duration.ofSeconds(3);
  private static final Duration COMMIT = Duration.ofMillis(500);

  /** One transaction id, sent as copies, each either lost or ordered {@link #COMMIT} later. */
  private static class Ordering implements CommitWait.Pending<String> {
    long now;
    final List<Boolean> lost;
    final List<Long> sent = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    int statusCalls;

    /** Until when ordering refuses every copy (no leader yet); a refused copy is not ordered. */
    long refusedUntil;

    final List<Long> refused = new ArrayList<>();

    /** {@code lost}: per copy, the original first, whether ordering drops it; later ones arrive. */
    Ordering(Boolean... lost) {
      this.lost = List.of(lost);
      sent.add(0L); // the original submit, before the wait starts
    }

    /** When the first copy that arrives commits, if any. */
    Optional<Long> committedAt() {
      for (int i = 0; i < sent.size(); i++) {
        if (i >= lost.size() || !lost.get(i)) {
          return Optional.of(sent.get(i) + COMMIT.toNanos());
        }
      }
      return Optional.empty();
    }

    @Override
    public Optional<String> status(Duration max) {
      statusCalls++;
      Optional<Long> at = committedAt();
      if (at.isPresent() && at.get() <= now + max.toNanos()) {
        now = Math.max(now, at.get());
        return Optional.of("VALID");
      }
      now += max.toNanos(); // the gRPC deadline of this slice passes
      return Optional.empty();
    }

    @Override
    public boolean resend() {
      if (now < refusedUntil) {
        refused.add(now);
        return false;
      }
      sent.add(now);
      return true;
    }

    /** What the peers record for each copy once all have been ordered. */
    List<String> ledger() {
      List<String> l = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        if (i >= lost.size() || !lost.get(i)) {
          l.add(l.contains("VALID") ? "DUPLICATE_TXID" : "VALID");
        }
      }
      return l;
    }
  }

  private static CommitWait wait(Ordering o, Duration resendAfter) {
    return new CommitWait(WAIT, resendAfter, () -> o.now);
  }

  @Test
  void answers_without_a_resend_when_the_commit_comes_in_time() {
    Ordering o = new Ordering(false);
    CommitWait w = wait(o, RESEND);

    assertThat(w.await(o)).contains("VALID");
    assertThat(o.sent).hasSize(1);
    assertThat(w.resends()).isZero();
    assertThat(o.now).isEqualTo(COMMIT.toNanos());
  }

  @Test
  void resends_after_each_wait_without_a_status_until_a_copy_commits() {
    Ordering o = new Ordering(true, true, false); // the original and the first resend are lost
    CommitWait w = wait(o, RESEND);

    assertThat(w.await(o)).contains("VALID");
    assertThat(o.sent).containsExactly(0L, RESEND.toNanos(), 2 * RESEND.toNanos());
    assertThat(w.resends()).isEqualTo(2);
    // answered half a second after the copy that arrived, not after the whole commit wait
    assertThat(o.now).isEqualTo(2 * RESEND.toNanos() + COMMIT.toNanos());
    assertThat(o.ledger()).containsExactly("VALID");
  }

  @Test
  void a_refused_resend_is_tried_again_after_half_a_second_not_a_whole_resend_wait() {
    // The original is lost with the leader; ordering refuses copies until a leader is elected at
    // 4.2 s. The copy goes out at the first half-second after that, not at 6 s.
    Ordering o = new Ordering(true);
    o.refusedUntil = 4_200_000_000L;
    CommitWait w = wait(o, RESEND);

    assertThat(w.await(o)).contains("VALID");
    assertThat(o.refused).containsExactly(3_000_000_000L, 3_500_000_000L, 4_000_000_000L);
    assertThat(o.sent).containsExactly(0L, 4_500_000_000L);
    assertThat(o.now).isEqualTo(4_500_000_000L + COMMIT.toNanos());
    assertThat(w.resends()).isEqualTo(4);
  }

  @Test
  void after_an_accepted_resend_the_next_wait_is_a_whole_resend_wait_again() {
    // Refused at 3 s, accepted at 3.5 s but lost too: the next copy waits the full 3 s.
    Ordering o = new Ordering(true, true, false);
    o.refusedUntil = 3_200_000_000L;
    CommitWait w = wait(o, RESEND);

    assertThat(w.await(o)).contains("VALID");
    assertThat(o.refused).containsExactly(3_000_000_000L);
    assertThat(o.sent).containsExactly(0L, 3_500_000_000L, 6_500_000_000L);
  }

  @Test
  void a_slow_original_and_its_resend_both_ordered_leave_one_valid_transaction() {
    // The original is not lost, only slower than the resend wait: both copies reach ordering.
    Ordering o =
        new Ordering(false) {
          @Override
          Optional<Long> committedAt() {
            return Optional.of(RESEND.toNanos() + COMMIT.toNanos());
          }
        };
    CommitWait w = wait(o, RESEND);

    assertThat(w.await(o)).contains("VALID");
    assertThat(w.resends()).isEqualTo(1);
    assertThat(o.ledger()).containsExactly("VALID", "DUPLICATE_TXID");
  }

  @Test
  void gives_up_when_the_commit_wait_runs_out_and_sends_nothing_after_it() {
    Ordering o =
        new Ordering(
            true, true, true, true, true, true, true, true, true, true, true, true, true, true,
            true, true, true, true, true, true, true, true, true, true);
    CommitWait w = wait(o, RESEND);

    assertThat(w.await(o)).isEmpty();
    assertThat(o.now).isEqualTo(WAIT.toNanos());
    // a resend at 3, 6, ..., 57 s: none at 60 s, when nobody waits for it any more
    assertThat(w.resends()).isEqualTo(19);
    assertThat(o.sent.get(o.sent.size() - 1)).isEqualTo(57_000_000_000L);
  }

  @Test
  void the_last_slice_is_cut_to_what_is_left_of_the_commit_wait() {
    Ordering o = new Ordering(true, true, true, true, true, true, true, true, true, true);
    CommitWait w = new CommitWait(Duration.ofSeconds(7), RESEND, () -> o.now);

    assertThat(w.await(o)).isEmpty();
    assertThat(o.sent).containsExactly(0L, 3_000_000_000L, 6_000_000_000L);
    assertThat(o.now).isEqualTo(7_000_000_000L);
  }

  @Test
  void never_resends_when_resend_after_is_zero() {
    Ordering o = new Ordering(true);
    CommitWait w = wait(o, Duration.ZERO);

    assertThat(w.await(o)).isEmpty();
    assertThat(o.statusCalls).isEqualTo(1);
    assertThat(o.sent).hasSize(1);
    assertThat(o.now).isEqualTo(WAIT.toNanos());
  }

  @Test
  void a_commit_wait_shorter_than_resend_after_waits_once_and_never_resends() {
    Ordering o = new Ordering(true);
    CommitWait w = new CommitWait(Duration.ofMillis(1), RESEND, () -> o.now);

    assertThat(w.await(o)).isEmpty();
    assertThat(o.statusCalls).isEqualTo(1);
    assertThat(w.resends()).isZero();
  }

  @Test
  void a_status_that_cannot_be_asked_for_ends_the_wait_without_a_resend() {
    Ordering o =
        new Ordering(true) {
          @Override
          public Optional<String> status(Duration max) {
            throw new IllegalStateException("peer unreachable");
          }
        };
    CommitWait w = wait(o, RESEND);

    assertThatThrownBy(() -> w.await(o)).hasMessage("peer unreachable");
    assertThat(o.sent).hasSize(1);
  }

  @Test
  void refuses_a_wait_of_zero_and_a_negative_resend_after() {
    assertThatThrownBy(() -> new CommitWait(Duration.ZERO, RESEND, System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommitWait(WAIT, Duration.ofMillis(-1), System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
