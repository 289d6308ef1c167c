package org.regnet.node.ledger;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Waits for a submitted transaction's commit status, and sends the same signed transaction again
 * each time a short wait passes without one, until the whole commit wait runs out (decision 0027).
 *
 * <p>Why: with Raft, a follower orderer acknowledges a transaction before the leader has it, so a
 * transaction in flight when the leader dies is lost yet acknowledged; without a resend the node
 * would wait its whole commit wait for a status that never comes. A resend is the same signed
 * envelope with the same transaction id: if both copies are ordered, the peers invalidate the
 * second as {@code DUPLICATE_TXID} and it changes nothing, so the commit status of that one id
 * still decides the answer.
 *
 * <p>A resend that ordering refuses (no Raft leader yet: the gateway tried every orderer) is tried
 * again after {@link #AFTER_REFUSAL}, not after a whole resend wait. A refused copy was not ordered
 * and costs only that round trip, and the leader elected in the meantime should get the copy as
 * soon as it can take it: with a full wait between refusals a lost transaction waited up to one
 * more resend wait after the election (decision 0038).
 */
final class CommitWait {
  /** How soon a refused resend is tried again (one Raft tick). */
  static final Duration AFTER_REFUSAL = Duration.ofMillis(500);

  private final Duration wait;
  private final Duration resendAfter;
  private final LongSupplier nanoTime;
  private final LongAdder resends = new LongAdder();

  /** A transaction that was submitted once, as {@link CommitWait} sees it. */
  interface Pending<S> {
    /**
     * The transaction's commit status if it comes within {@code max}, else empty.
     *
     * @throws RuntimeException when the status cannot be asked for at all (the caller's to map)
     */
    Optional<S> status(Duration max);

    /**
     * Sends the same signed transaction (same id) to ordering again; failures are its own.
     *
     * @return whether ordering accepted the copy (false: refused, e.g. while it elects a leader)
     */
    boolean resend();
  }

  /**
   * @param wait the whole wait for a commit status
   * @param resendAfter how long each wait without a status lasts before a resend; zero: never
   * @param nanoTime a monotonic clock, {@link System#nanoTime} in the node
   */
  CommitWait(Duration wait, Duration resendAfter, LongSupplier nanoTime) {
    this.wait = Objects.requireNonNull(wait, "wait");
    this.resendAfter = Objects.requireNonNull(resendAfter, "resendAfter");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (wait.isNegative() || wait.isZero()) {
      throw new IllegalArgumentException("wait <= 0");
    }
    if (resendAfter.isNegative()) {
      throw new IllegalArgumentException("resendAfter < 0");
    }
  }

  /** The commit status, or empty when the whole wait ran out without one. */
  <S> Optional<S> await(Pending<S> pending) {
    long end = nanoTime.getAsLong() + wait.toNanos();
    Duration next = resendAfter;
    while (true) {
      long left = end - nanoTime.getAsLong();
      if (left <= 0) {
        return Optional.empty();
      }
      Duration slice = Duration.ofNanos(left);
      if (!resendAfter.isZero() && next.compareTo(slice) < 0) {
        slice = next;
      }
      Optional<S> status = pending.status(slice);
      if (status.isPresent()) {
        return status;
      }
      if (end - nanoTime.getAsLong() <= 0) {
        return Optional.empty(); // no resend that nobody would wait for
      }
      resends.increment();
      boolean accepted = pending.resend();
      next = accepted || AFTER_REFUSAL.compareTo(resendAfter) > 0 ? resendAfter : AFTER_REFUSAL;
    }
  }

  /** Resends so far, for the node's metrics. */
  long resends() {
    return resends.sum();
  }
}
