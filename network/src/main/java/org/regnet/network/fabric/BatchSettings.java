package org.regnet.network.fabric;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The orderer's block cutting: a block is cut when {@code maxMessageCount} transactions wait or
 * {@code timeout} has passed since the first of them. The timeout is the latency a lone transaction
 * pays; a shorter one cuts smaller blocks under load, and each block costs the orderers and every
 * peer a fixed amount of work (docs/benchmarks.md measures the trade-off).
 *
 * <p>Defaults are the project's chosen values; {@code REGNET_BATCH_TIMEOUT} (e.g. {@code 100ms})
 * and {@code REGNET_BATCH_MAX_MESSAGES} override them when a network is created, so the benchmark
 * can compare settings without editing code. They are read once, into the genesis block.
 */
public record BatchSettings(String timeout, int maxMessageCount) {
  // Before DEFAULT: the constructor checks against it while the class initialises.
  private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,5}ms|[1-9][0-9]?s");

  public static final String TIMEOUT_ENV = "REGNET_BATCH_TIMEOUT";
  public static final String MAX_MESSAGES_ENV = "REGNET_BATCH_MAX_MESSAGES";
  public static final BatchSettings DEFAULT = new BatchSettings("250ms", 200);

  public BatchSettings {
    if (timeout == null || !DURATION.matcher(timeout).matches()) {
      throw new IllegalArgumentException(
          "batch timeout must look like 250ms or 2s (at most 99s), got: " + timeout);
    }
    if (maxMessageCount < 1 || maxMessageCount > 10_000) {
      throw new IllegalArgumentException(
          "batch max message count must be 1..10000, got: " + maxMessageCount);
    }
  }

  /** The defaults, overridden by the two environment variables where set and not blank. */
  public static BatchSettings from(Map<String, String> env) {
    String t = env.get(TIMEOUT_ENV);
    String m = env.get(MAX_MESSAGES_ENV);
    int count;
    try {
      count = m == null || m.isBlank() ? DEFAULT.maxMessageCount() : Integer.parseInt(m.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MAX_MESSAGES_ENV + " must be a number, got: " + m);
    }
    return new BatchSettings(t == null || t.isBlank() ? DEFAULT.timeout() : t.trim(), count);
  }
}
