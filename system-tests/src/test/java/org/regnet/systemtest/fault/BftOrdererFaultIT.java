package org.regnet.systemtest.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient.Answer;

/**
 * SmartBFT ordering under faults, on the four-authority BFT network in container mode (each
 * authority, with its own orderer, a host of its own; 3f+1 = 4 consenters tolerate f = 1): with one
 * orderer killed, referrals keep committing under a steady load, none lost or duplicated, and the
 * orderer catches up to the others' height when it returns; the leader's {@code kill -9} is
 * survived and the time to the next commit measured; with two of four killed a write gets a clean
 * 503 UNAVAILABLE, and commits again once they are back and caught up. Figures go to
 * target/fault-results/ for docs/reliability.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BftOrdererFaultIT {
  private static final int LEADER_KILLS = 5;
  private static FaultNetwork f;
  private static Faults faults;

  @BeforeAll
  static void network() {
    f = FaultNetwork.bft();
    faults = f.faults;
    // the faults below start from four running consenters on one chain
    assertThat(faults.orderers()).allMatch(o -> faults.running(faults.name(o)));
    awaitSameHeight();
  }

  @AfterAll
  static void keepLogs() {
    if (f != null) {
      f.keepLogs("bft");
    }
  }

  @Test
  @Order(1)
  void one_orderer_down_and_the_leader_killed_under_load_lose_and_duplicate_nothing() {
    assertThat(faults.orderers()).hasSize(4);
    Set<String> before = f.inboxB();
    ReferralLoad load = new ReferralLoad(f.nodeA, f.officerA, f.agreementId, 3);
    try (load) {
      load.awaitMoreAcks(10);

      // One of four down (a follower, so no view change): commits go on without it.
      OrganizationDefinition leader = awaitLeader();
      OrganizationDefinition follower =
          faults.orderers().stream().filter(o -> o != leader).findFirst().orElseThrow();
      long killed = System.nanoTime();
      faults.kill(faults.name(follower));
      int ackedBefore = load.ackCount();
      load.awaitMoreAcks(15);
      int committedWhileDown = load.ackCount() - ackedBefore;
      double followerGap = firstAckAfter(load, killed);
      double followerCatchUp = restart(follower);
      double followerRejoined = awaitUnanimousLeader();
      load.awaitMoreAcks(5);

      // The leader killed: a view change elects another, then commits resume.
      List<Double> failoverSeconds = new ArrayList<>();
      List<String> leaders = new ArrayList<>();
      List<Double> catchUps = new ArrayList<>();
      List<Double> rejoinedView = new ArrayList<>();
      for (int round = 0; round < LEADER_KILLS; round++) {
        OrganizationDefinition current = awaitLeader();
        leaders.add(current.mspId());
        long t = System.nanoTime();
        faults.kill(faults.name(current));
        load.awaitMoreAcks(10);
        failoverSeconds.add(firstAckAfter(load, t));
        // the three left agree on another leader (a view change happened)
        assertThat(awaitLeader()).isNotSameAs(current);
        catchUps.add(restart(current));
        // one fault at a time (4 consenters tolerate one): the next kill waits until the restarted
        // orderer follows the current leader too, not only until it has the others' blocks
        rejoinedView.add(awaitUnanimousLeader());
        load.awaitMoreAcks(5);
      }
      load.stop();

      List<ReferralLoad.Ack> acks = load.acks();
      Set<String> keys = acks.stream().map(ReferralLoad.Ack::key).collect(Collectors.toSet());
      Set<String> ids =
          acks.stream()
              .map(ReferralLoad.Ack::referralId)
              .filter(java.util.Objects::nonNull)
              .collect(Collectors.toSet());
      assertThat(keys).hasSize(acks.size());
      assertThat(load.abandoned()).isZero();
      // No node answered 500 on the way: every refusal was a clean 503 (or a retryable 409/429).
      assertThat(load.unavailable().keySet()).noneMatch(k -> k.startsWith("500"));
      Map<String, Integer> inbox = Inbox.awaitNew(f.nodeB, f.officerB, before, acks.size());
      // Nothing lost: every acknowledged referral reached B. Nothing duplicated: B holds exactly
      // one new referral per acknowledged request, each once, however often it was retried.
      assertThat(inbox.keySet()).containsAll(ids);
      assertThat(inbox).hasSize(acks.size());
      assertThat(inbox.values()).allMatch(n -> n == 1);
      // Every orderer, the killed ones included, holds the same chain in the end.
      long height = awaitSameHeight();

      List<Double> sorted = failoverSeconds.stream().sorted().toList();
      FaultNetwork.record(
          "bft-orderer-faults",
          String.format(
              "fault=kill -9 of 1 of 4 BFT orderers (a follower) then of the BFT leader x%d"
                  + " (leaders %s), load=3 closed-loop clients via node A, acked=%d, lost=%d,"
                  + " duplicated=%d, retries=%d, invalid=%d, non-200=%s;"
                  + " follower down: %d commits while down, first commit %.1f s after the kill,"
                  + " caught up %.1f s after restart, following the leader %.1f s later;"
                  + " leader kill to next commit: %s s, p50=%.1f, p99=%.1f; leader catch-up after"
                  + " restart: %s s, following the new leader %s s later; final height %d on all 4",
              LEADER_KILLS,
              leaders,
              acks.size(),
              Math.max(0, acks.size() - inbox.size()),
              Math.max(0, inbox.size() - acks.size())
                  + inbox.values().stream().mapToInt(n -> n - 1).sum(),
              load.retries(),
              load.invalid(),
              load.unavailable(),
              committedWhileDown,
              followerGap,
              followerCatchUp,
              followerRejoined,
              failoverSeconds,
              percentile(sorted, 0.50),
              percentile(sorted, 0.99),
              catchUps,
              rejoinedView,
              height));
    }
  }

  @Test
  @Order(2)
  void with_two_of_four_orderers_down_a_write_gets_503_and_commits_once_they_are_back() {
    List<OrganizationDefinition> orderers = faults.orderers();
    OrganizationDefinition third = orderers.get(2), fourth = orderers.get(3);
    faults.kill(faults.name(third));
    faults.kill(faults.name(fourth));
    String key = "fault-bft-quorum-" + java.util.UUID.randomUUID();
    Set<String> before = f.inboxB();
    String body = f.referral();
    long t0 = System.nanoTime();
    Answer refused =
        f.nodeA.call("POST", "/v1/referrals", body, f.officerA, Map.of("Idempotency-Key", key));
    double refusedAfter = (System.nanoTime() - t0) / 1e9;
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
    assertThat(refused.code()).isEqualTo("UNAVAILABLE");
    assertThat(refused.body().toString()).doesNotContain("Exception").doesNotContain("at org.");

    long back = System.nanoTime();
    faults.restartOrderer(third);
    faults.restartOrderer(fourth);
    Answer accepted = f.submitUntilAccepted(body, key);
    double recovered = (System.nanoTime() - back) / 1e9;
    assertThat(accepted.status()).as(accepted.body().toString()).isIn(200, 202);
    Map<String, Integer> inbox = Inbox.awaitNew(f.nodeB, f.officerB, before, 1);
    assertThat(inbox).hasSize(1);
    assertThat(inbox.values()).containsExactly(1);
    long height = awaitSameHeight();
    FaultNetwork.record(
        "bft-quorum-loss",
        String.format(
            "fault=kill -9 2 of 4 BFT orderers, load=1 request with retries via node A,"
                + " answer=%d %s after %.1f s, recovered_s=%.1f (restart of both to commit),"
                + " lost=0, duplicated=%d, final height %d on all 4",
            refused.status(), refused.code(), refusedAfter, recovered, inbox.size() - 1, height));
  }

  /** Seconds from {@code killedNanos} to the first acknowledgement of a request sent after it. */
  private static double firstAckAfter(ReferralLoad load, long killedNanos) {
    long first =
        load.acks().stream()
            .filter(x -> x.startedNanos() > killedNanos)
            .mapToLong(ReferralLoad.Ack::ackedNanos)
            .min()
            .orElseThrow();
    return (first - killedNanos) / 1e9;
  }

  /**
   * Starts a killed orderer again; returns the seconds until it caught up: it listens and its
   * ledger reached the height the others had when it came back (Faults.restartOrderer).
   */
  private static double restart(OrganizationDefinition orderer) {
    long t = System.nanoTime();
    faults.restartOrderer(orderer);
    return (System.nanoTime() - t) / 1e9;
  }

  /** Waits (no load running) until all four orderers report one height; returns it. */
  private static long awaitSameHeight() {
    List<Long> heights = List.of();
    for (int i = 0; i < 1800; i++) {
      heights = faults.orderers().stream().map(o -> faults.ordererHeight(o).orElse(-1)).toList();
      if (heights.get(0) > 0 && heights.stream().distinct().count() == 1) {
        return heights.get(0);
      }
      ReferralLoad.sleep(100);
    }
    throw new AssertionError("the orderers' heights did not converge: " + heights);
  }

  /** Waits until all four orderers report one leader; returns the seconds it took. */
  private static double awaitUnanimousLeader() {
    long t = System.nanoTime();
    for (int i = 0; i < 600; i++) {
      if (faults.bftLeaderUnanimous()) {
        return (System.nanoTime() - t) / 1e9;
      }
      ReferralLoad.sleep(100);
    }
    throw new AssertionError("the restarted orderer did not follow the leader within 60 s");
  }

  private static OrganizationDefinition awaitLeader() {
    for (int i = 0; i < 600; i++) {
      var leader = faults.bftLeader();
      if (leader.isPresent()) {
        return leader.get();
      }
      ReferralLoad.sleep(100);
    }
    throw new AssertionError("no BFT leader after 60 s");
  }

  private static double percentile(List<Double> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
