package org.regnet.node.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A readiness probe answered from its last result: at most one probe runs per period however many
 * anonymous callers ask, so {@code /v1/ready} costs the ledger nothing per call. The first call
 * (and one after the period) runs the probe; calls meanwhile get the previous result.
 */
public final class CachedProbe implements Supplier<Readiness> {
  private final Supplier<Readiness> probe;
  private final Duration period;
  private final Clock clock;
  private final AtomicReference<Readiness> last = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();

  public CachedProbe(Supplier<Readiness> probe, Duration period, Clock clock) {
    this.probe = probe;
    this.period = period;
    this.clock = clock;
  }

  @Override
  public Readiness get() {
    Readiness r = last.get();
    boolean stale = r == null || r.checkedAt().plus(period).isBefore(clock.instant());
    if (stale && running.compareAndSet(false, true)) {
      try {
        r = probe.get();
        last.set(r);
      } catch (RuntimeException e) {
        r = new Readiness(false, -1, -1, -1, clock.instant());
        last.set(r);
      } finally {
        running.set(false);
      }
    }
    return r != null ? r : new Readiness(false, -1, -1, -1, clock.instant());
  }
}
