package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.submit;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Write transactions endorsed by the peers of all three authorities at once: the gateway commits
 * only if every peer produced the identical result and read/write set, so the chaincode is
 * deterministic across peers (no clock, randomness or map order). Writes carrying private data are
 * endorsed by both parties' peers (every referral test does that).
 */
class EndorsementDeterminismIT {
  private static final int A = 0, B = 1, C = 2;

  @Test
  void public_writes_endorsed_on_every_peer_give_identical_results() {
    try (Actors actors = new Actors(TestNetwork.shared())) {
      String[] all = {actors.msp(A), actors.msp(B), actors.msp(C)};
      Result founded =
          submit(
              actors.contract(A, "treaty-admin"),
              "treaty:found",
              Requests.foundTreaty("TRT-IT-DETERMINISM", all, new String[] {"CH", "SG", "BR"}),
              Map.of(),
              all);
      assertThat(founded.ok()).as(founded.error()).isTrue();
      Result proposed =
          submit(
              actors.contract(A, "treaty-admin"),
              "agreement:propose",
              Requests.proposeAgreement("TRT-IT-DETERMINISM", actors.msp(C)),
              Map.of(),
              all);
      assertThat(proposed.ok()).as(proposed.error()).isTrue();
      Result signed =
          submit(
              actors.contract(C, "treaty-admin"),
              "agreement:sign",
              Requests.agreement(proposed.json().get("agreementId").asText()),
              Map.of(),
              all);
      assertThat(signed.ok()).as(signed.error()).isTrue();
      Result change =
          submit(
              actors.contract(B, "treaty-admin"),
              "treaty:proposeMembershipChange",
              "{\"treatyId\":\"TRT-IT-DETERMINISM\",\"kind\":\"SUSPEND\",\"msp\":\""
                  + actors.msp(C)
                  + "\"}",
              Map.of(),
              all);
      assertThat(change.ok()).as(change.error()).isTrue();
    }
  }
}
