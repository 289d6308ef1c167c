package org.regnet.systemtest.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient.Answer;

/**
 * A's chaincode server is paused (its container frozen, as a stalled machine would be): a referral
 * through A's node gets a clean 503 UNAVAILABLE instead of hanging, and the same request, retried
 * with its Idempotency-Key after the unpause, makes exactly one referral.
 */
class ChaincodePauseFaultIT {
  @Test
  void a_paused_chaincode_server_gives_503_and_the_retry_after_unpause_makes_one_referral() {
    FaultNetwork f = FaultNetwork.shared();
    OrganizationDefinition a = f.organization(FaultNetwork.A);
    String server = a.chaincodeHostName();
    String key = "fault-pause-" + UUID.randomUUID();
    String body = f.referral();
    Set<String> before = f.inboxB();

    f.faults.pause(server);
    Answer refused;
    long t0 = System.nanoTime();
    try {
      refused =
          f.nodeA.call("POST", "/v1/referrals", body, f.officerA, Map.of("Idempotency-Key", key));
    } finally {
      // Whatever the answer, the server runs again for the tests after this one.
      double waited = (System.nanoTime() - t0) / 1e9;
      f.faults.unpause(server);
      System.out.printf("[fault] paused chaincode server answered after %.1f s%n", waited);
    }
    double answeredAfter = (System.nanoTime() - t0) / 1e9;
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
    assertThat(refused.code()).isEqualTo("UNAVAILABLE");
    assertThat(refused.body().toString()).doesNotContain("Exception").doesNotContain("at org.");

    long back = System.nanoTime();
    Answer accepted = f.submitUntilAccepted(body, key);
    double recovered = (System.nanoTime() - back) / 1e9;
    assertThat(accepted.status()).as(accepted.body().toString()).isIn(200, 202);
    Map<String, Integer> inbox = Inbox.awaitNew(f.nodeB, f.officerB, before, 1);
    assertThat(inbox).hasSize(1);
    assertThat(inbox.values()).containsExactly(1);
    FaultNetwork.record(
        "chaincode-pause",
        String.format(
            "fault=pause A's chaincode server, load=1 request with retries via node A,"
                + " answer=%d %s after %.1f s, recovered_s=%.1f (unpause to commit), lost=0,"
                + " duplicated=%d",
            refused.status(), refused.code(), answeredAfter, recovered, inbox.size() - 1));
  }
}
