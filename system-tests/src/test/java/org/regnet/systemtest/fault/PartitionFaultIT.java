package org.regnet.systemtest.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient.Answer;

/**
 * Authority B is cut off from the other authorities for 60 s (every packet between its host and
 * theirs dropped, both ways; B's own processes still reach each other) while A keeps sending
 * referrals to B: a write through B's node gets a clean 503 UNAVAILABLE, not a hang; B's node stays
 * ready, since its own peer answers it; and after healing B's inbox holds every referral A had
 * acknowledged exactly once (B's peer catches up by blocks and reconciles the private data, B's
 * node follows).
 */
class PartitionFaultIT {
  private static final long PARTITION_SECONDS = 60;

  @Test
  void
      an_authority_cut_off_for_60_s_answers_503_and_after_healing_its_inbox_holds_every_event_once()
          throws Exception {
    FaultNetwork f = FaultNetwork.shared();
    OrganizationDefinition b = f.organization(FaultNetwork.B);
    Set<String> before = f.inboxB();
    Answer refused;
    Answer readyDuring;
    double refusedAfter;
    int ackedDuring;
    ReferralLoad load = new ReferralLoad(f.nodeA, f.officerA, f.agreementId, 2);
    try (load) {
      load.awaitMoreAcks(5);
      long cut = System.nanoTime();
      Instant cutAt = Instant.now();
      f.faults.partition(b);
      int ackedAtCut = load.ackCount();
      try {
        // A write from B's own users: it needs A's endorsement and the orderers, out of reach.
        long t0 = System.nanoTime();
        refused =
            f.nodeB.call(
                "POST",
                "/v1/referrals",
                f.referral(),
                f.officerB,
                Map.of("Idempotency-Key", "fault-partition-" + UUID.randomUUID()));
        refusedAfter = (System.nanoTime() - t0) / 1e9;
        // The readiness probe is cached for 10 s: ask until its answer was checked after the cut.
        readyDuring = f.nodeB.call("GET", "/v1/ready", null, null);
        while (readyDuring.status() == 200
            && Instant.parse(readyDuring.body().path("checkedAt").asText()).isBefore(cutAt)
            && System.nanoTime() - cut < (PARTITION_SECONDS - 5) * 1_000_000_000L) {
          ReferralLoad.sleep(1000);
          readyDuring = f.nodeB.call("GET", "/v1/ready", null, null);
        }
        long left = PARTITION_SECONDS * 1_000_000_000L - (System.nanoTime() - cut);
        if (left > 0) {
          ReferralLoad.sleep(left / 1_000_000);
        }
        ackedDuring = load.ackCount() - ackedAtCut;
      } finally {
        f.faults.heal(b);
      }
      long healed = System.nanoTime();
      load.awaitMoreAcks(5);
      double resumed = (System.nanoTime() - healed) / 1e9;
      load.stop();

      assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
      assertThat(refused.code()).isEqualTo("UNAVAILABLE");
      assertThat(refused.body().toString()).doesNotContain("Exception").doesNotContain("at org.");
      assertThat(load.abandoned()).isZero();
      // Cut off from the others, B's node still reads its own ledger: its peer answers it.
      assertThat(readyDuring.status()).as(readyDuring.body().toString()).isEqualTo(200);
      assertThat(Instant.parse(readyDuring.body().path("checkedAt").asText())).isAfter(cutAt);
      Inbox.Verdict v = Inbox.verdict(f.nodeB, f.officerB, before, load.acks());
      assertThat(v.lost()).as("lost").isZero();
      assertThat(v.duplicated()).as("duplicated").isZero();
      FaultNetwork.record(
          "partition",
          String.format(
              "fault=B cut off from A and C for %d s, load=2 closed-loop clients A to B via node A,"
                  + " acked=%d (during the cut %d), lost=%d, duplicated=%d, non-200=%s,"
                  + " B write during cut=%d %s after %.1f s, B /v1/ready during cut=%d %s,"
                  + " resumed_s=%.1f (heal to 5 more acks)",
              PARTITION_SECONDS,
              v.acknowledged(),
              ackedDuring,
              v.lost(),
              v.duplicated(),
              load.unavailable(),
              refused.status(),
              refused.code(),
              refusedAfter,
              readyDuring.status(),
              readyDuring.body().path("follower"),
              resumed));
    }
  }
}
