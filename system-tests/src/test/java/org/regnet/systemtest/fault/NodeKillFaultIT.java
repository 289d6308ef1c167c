package org.regnet.systemtest.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient.Answer;

/**
 * B's node is killed ({@code kill -9} of its container) 50 times while A sends referrals to B, and
 * started again each time from its database: B's inbox holds every acknowledged referral exactly
 * once, because an event's inbox entry and the checkpoint commit together and replayed events are
 * recognised. Each kill lands once the restarted node answers again, so most fall while its event
 * follower is catching up.
 */
class NodeKillFaultIT {
  private static final int KILLS = 50;

  @Test
  void fifty_kills_of_the_receiving_node_under_load_leave_every_event_in_its_inbox_exactly_once() {
    FaultNetwork f = FaultNetwork.shared();
    OrganizationDefinition b = f.organization(FaultNetwork.B);
    Set<String> before = f.inboxB();
    List<Double> restartSeconds = new ArrayList<>();
    ReferralLoad load = new ReferralLoad(f.nodeA, f.officerA, f.agreementId, 2);
    long t0 = System.nanoTime();
    try (load) {
      load.awaitMoreAcks(3);
      for (int kill = 0; kill < KILLS; kill++) {
        // Kills land 0 to 1.2 s after the node answers: some while its follower catches up on
        // the blocks it missed, some mid-way through delivering them.
        ReferralLoad.sleep((kill % 5) * 300L);
        f.faults.killNode(b);
        long killed = System.nanoTime();
        f.faults.restartNode(b);
        awaitAnswers(f);
        restartSeconds.add((System.nanoTime() - killed) / 1e9);
      }
      load.awaitMoreAcks(3);
      load.stop();
      assertThat(load.abandoned()).isZero();
      Inbox.Verdict v = Inbox.verdict(f.nodeB, f.officerB, before, load.acks());
      assertThat(v.lost()).as("lost").isZero();
      assertThat(v.duplicated()).as("duplicated").isZero();
      List<Double> sorted = restartSeconds.stream().sorted().toList();
      FaultNetwork.record(
          "node-kill",
          String.format(
              "fault=kill -9 of B's node x%d, load=2 closed-loop clients A to B via node A,"
                  + " acked=%d, lost=%d, duplicated=%d, kill_to_answering_s p50=%.1f p99=%.1f,"
                  + " total_s=%.0f",
              KILLS,
              v.acknowledged(),
              v.lost(),
              v.duplicated(),
              sorted.get(sorted.size() / 2),
              sorted.get(sorted.size() - 1),
              (System.nanoTime() - t0) / 1e9));
    }
  }

  /** Until B's node answers an authenticated read again (its token survives in its database). */
  private static void awaitAnswers(FaultNetwork f) {
    for (int i = 0; i < 600; i++) {
      try {
        Answer a = f.nodeB.call("GET", "/v1/inbox?after=0&limit=1", null, f.officerB);
        if (a.status() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      ReferralLoad.sleep(100);
    }
    throw new AssertionError("B's node did not answer after its restart");
  }
}
