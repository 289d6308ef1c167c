package org.regnet.network.fabric;

import java.util.Map;

/**
 * Raft's clock on the orderers: a follower that has not heard the leader for {@code electionTick}
 * ticks of {@code tickIntervalMillis} (randomised up to twice that) starts an election. That
 * timeout is most of a Raft failover (docs/reliability.md); a shorter one fails over sooner and
 * elects needlessly when an orderer is starved of CPU for that long.
 *
 * <p>The default is Fabric's tick of 500 ms with 5 ticks (an election 2.5 to 5 s after the leader
 * went quiet) instead of Fabric's 10: with 10 the leader's crash cost clients up to 15 s, with 5 at
 * most 10.8 s in the fault suite (decision 0032), and at most 6.5 s once followers stopped waiting
 * 7 s on a dead leader (decision 0038). {@code REGNET_RAFT_ELECTION_TICK} overrides the tick count
 * when a network is created; it is read once, into the genesis block.
 */
public record RaftTiming(int tickIntervalMillis, int electionTick) {
  public static final String ELECTION_TICK_ENV = "REGNET_RAFT_ELECTION_TICK";
  public static final RaftTiming DEFAULT = new RaftTiming(500, 5);

  public RaftTiming {
    if (tickIntervalMillis < 50 || tickIntervalMillis > 5_000) {
      throw new IllegalArgumentException(
          "Raft tick interval must be 50..5000 ms, got: " + tickIntervalMillis);
    }
    // HeartbeatTick is 1: an election tick must leave room for a few missed heartbeats.
    if (electionTick < 3 || electionTick > 100) {
      throw new IllegalArgumentException("Raft election tick must be 3..100, got: " + electionTick);
    }
  }

  /** The defaults, the election tick overridden by the environment variable where set. */
  public static RaftTiming from(Map<String, String> env) {
    String e = env.get(ELECTION_TICK_ENV);
    if (e == null || e.isBlank()) {
      return DEFAULT;
    }
    try {
      return new RaftTiming(DEFAULT.tickIntervalMillis(), Integer.parseInt(e.trim()));
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException(ELECTION_TICK_ENV + " must be a number, got: " + e);
    }
  }
}
