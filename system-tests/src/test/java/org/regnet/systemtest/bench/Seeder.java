package org.regnet.systemtest.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes audit entries as fast as the network takes them, until a count or a time budget is
 * reached, whichever comes first: the bounded loop that seeds the audit rounds.
 */
public final class Seeder {

  /** What seeding did: entries written, failures, seconds spent. */
  public record Seeded(long written, long failed, double seconds) {
    public double rate() {
      return seconds == 0 ? 0 : written / seconds;
    }
  }

  private Seeder() {}

  public static Seeded seed(long count, double budgetS, int concurrency, ClosedLoop.Call write)
      throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (budgetS * 1e9);
    AtomicLong started = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int w = 0; w < concurrency; w++) {
      final int worker = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  long seq;
                  while (System.nanoTime() < deadline
                      && (seq = started.incrementAndGet()) <= count) {
                    try {
                      if (write.run(worker, seq) == null) {
                        written.incrementAndGet();
                      } else {
                        failed.incrementAndGet();
                      }
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "seed-" + w);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    return new Seeded(written.get(), failed.get(), (System.nanoTime() - t0) / 1e9);
  }
}
