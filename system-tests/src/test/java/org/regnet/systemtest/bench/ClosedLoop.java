package org.regnet.systemtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code concurrency} workers each call, wait for the answer and call again.
 * Calls started during the warm-up are not measured; the window closes at a fixed time and calls
 * still in flight then are waited for but not counted, so tx/s is completions in the window ÷ its
 * length (how Caliper counts with a fixed-duration round and a fixed number of transactions in
 * flight).
 */
public final class ClosedLoop {

  /**
   * One call: returns null on success, else the kind of failure (an HTTP status, an error code).
   */
  @FunctionalInterface
  public interface Call {
    String run(int worker, long sequence) throws Exception;
  }

  private ClosedLoop() {}

  public static RoundResult run(
      String round, String path, int concurrency, double warmupS, double measureS, Call call)
      throws InterruptedException {
    long t0 = System.nanoTime();
    long measureFrom = t0 + (long) (warmupS * 1e9);
    long measureTo = measureFrom + (long) (measureS * 1e9);
    List<long[]> perWorker = new ArrayList<>();
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    AtomicLong okCount = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    List<List<Long>> latencies = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      List<Long> mine = new ArrayList<>();
      latencies.add(mine);
      final int worker = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < measureTo) {
                    long start = System.nanoTime();
                    String failure;
                    try {
                      failure = call.run(worker, sequence.incrementAndGet());
                    } catch (Exception e) {
                      failure = e.getClass().getSimpleName();
                    }
                    long end = System.nanoTime();
                    if (start < measureFrom || end > measureTo) {
                      continue;
                    }
                    if (failure == null) {
                      okCount.incrementAndGet();
                      mine.add(end - start);
                    } else {
                      outcomes.computeIfAbsent(failure, k -> new LongAdder()).increment();
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "load-" + round + "-" + w);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    List<Long> all = new ArrayList<>();
    latencies.forEach(all::addAll);
    all.sort(null);
    Map<String, Long> counted = new java.util.HashMap<>();
    outcomes.forEach((k, v) -> counted.put(k, v.sum()));
    return new RoundResult(
        round,
        path,
        concurrency,
        measureS,
        okCount.get(),
        okCount.get() / measureS,
        percentile(all, 50),
        percentile(all, 95),
        percentile(all, 99),
        counted);
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
