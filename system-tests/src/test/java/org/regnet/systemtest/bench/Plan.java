package org.regnet.systemtest.bench;

/**
 * How long and how hard each round runs. {@link #smoke()} is one short level per round, enough for
 * CI to see that the suite still runs; {@link #full()} climbs to saturation.
 */
public record Plan(
    boolean quick,
    double warmupS,
    double measureS,
    int[] evaluateLevels,
    int[] submitLevels,
    int[] referralLevels,
    int auditSmall,
    int auditLarge,
    double seedBudgetS,
    int seedConcurrency,
    double auditMeasureS) {

  public static Plan smoke() {
    return new Plan(true, 1, 3, new int[] {4}, new int[] {4}, new int[] {4}, 200, 300, 10, 8, 2);
  }

  /**
   * Only evaluate at its peak and {@code treaty:found} from one client to past saturation, no
   * referrals, no audit seeding: enough to compare orderer settings (BatchTimeout) network against
   * network in a few minutes each.
   */
  public static Plan submitOnly() {
    return new Plan(
        true, 3, 12, new int[] {32}, new int[] {1, 32, 64}, new int[] {}, 0, 0, 0, 64, 8);
  }

  /**
   * Only the referral rounds at 16 and 32 in flight (Gateway, then node, then the node at twice its
   * peak), each 5 s of warm-up and 25 s measured: the steady state where R1 (node against Gateway)
   * and R6 (the nodes' share of the CPU) are judged, long enough to compare node settings run
   * against run.
   */
  public static Plan referralOnly() {
    return new Plan(true, 5, 25, new int[] {}, new int[] {}, new int[] {16, 32}, 0, 0, 0, 64, 8);
  }

  /**
   * Only the audit rounds: seeds until the ledger holds 100,000 entries visible to A (about half an
   * hour on 2 cores, bound by the network's write ceiling), with an hour's budget; the long R5
   * profile, outside CI.
   */
  public static Plan auditOnly() {
    return new Plan(
        true, 3, 12, new int[] {}, new int[] {}, new int[] {}, 1_000, 100_000, 3_600, 64, 8);
  }

  public static Plan full() {
    return new Plan(
        false,
        3,
        12,
        new int[] {1, 8, 32},
        new int[] {1, 8, 32, 64},
        new int[] {1, 8, 16, 32},
        1_000,
        100_000,
        200,
        64,
        8);
  }
}
