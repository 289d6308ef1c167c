package org.regnet.systemtest.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one round at one concurrency gave: completed calls per second over the measured window,
 * latency percentiles of the successful ones, and every other outcome counted by its kind.
 */
public record RoundResult(
    String round,
    String path,
    int concurrency,
    double seconds,
    long ok,
    double tps,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    Map<String, Long> outcomes) {
  public RoundResult {
    outcomes = Map.copyOf(new TreeMap<>(outcomes));
  }

  /** Calls that ended in anything other than success. */
  public long failed() {
    return outcomes.values().stream().mapToLong(Long::longValue).sum();
  }
}
