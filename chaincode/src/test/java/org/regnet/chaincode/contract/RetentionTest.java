package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.privateKey;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.TestNetwork;
import org.regnet.chaincode.testing.TxStub;

class RetentionTest {

  private final AssistanceFixture a = new AssistanceFixture();
  private String id;

  @BeforeEach
  void answered() {
    id = a.submitted();
    ok(a.acknowledge(id));
    ok(
        a.reply(
            id,
            true,
            "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},{\"itemNo\":2,\"outcome\":\"PROVIDED\"}]"));
  }

  private String purge() {
    return a.net.submit(officer(HARBOUR), "assistance:purge", ref(id)).errorCode();
  }

  @Test
  void nothing_is_purged_before_the_treaty_retention_ends() {
    a.net.advance(Duration.ofDays(29));
    assertThat(purge()).isEqualTo("INVALID_STATE");
    assertThat(a.pairPrivate(privateKey(id, "request", 0))).isNotNull();
  }

  @Test
  void at_the_end_of_retention_the_content_leaves_both_peers_and_a_deletion_record_stays() {
    a.net.advance(Duration.ofDays(31));
    assertThat(purge()).isNull();

    // one pair collection, held by both parties' peers and only theirs
    assertThat(a.pairPrivate(privateKey(id, "request", 0))).isNull();
    assertThat(a.pairPrivate(privateKey(id, "reply", 1))).isNull();
    final JsonNode r = ok(a.net.evaluate(officer(ALPINE), "assistance:get", ref(id))).json();
    assertThat(r.get("progress").get("purgedAt").isNull()).isFalse();
    assertThat(r.get("payloadHash").asText()).hasSize(64);
    final JsonNode trail =
        ok(a.net.evaluate(auditor(ALPINE), "audit:byObject", "{\"objectId\":\"" + id + "\"}"))
            .json();
    assertThat(trail.get("items"))
        .extracting(e -> e.get("action").asText())
        .contains("assistance.purged");
    assertThat(a.net.evaluate(officer(ALPINE), "assistance:content", ref(id)).message())
        .contains("NOT_FOUND", "purged");
    assertThat(purge()).isEqualTo("CONFLICT");
  }

  /** A purge whose proposal carries {@code shift} on its timestamp: what a client can forge. */
  private TestNetwork.Result purgeDated(final Duration shift) {
    final TxStub.Spec honest =
        a.net.spec(officer(HARBOUR), HARBOUR, "assistance:purge", ref(id), java.util.Map.of());
    final TxStub.Spec forged =
        new TxStub.Spec(
            honest.txId(),
            honest.timestamp().plus(shift),
            honest.creator(),
            honest.peerMsp(),
            honest.args(),
            honest.transientMap());
    return a.net.execute(forged, HARBOUR);
  }

  @Test
  void a_proposal_dated_past_the_retention_end_is_refused_by_the_endorsing_peers_clock() {
    a.net.advance(Duration.ofDays(29));
    final TestNetwork.Result r = purgeDated(Duration.ofDays(2));
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("txTimestamp");
    assertThat(a.pairPrivate(privateKey(id, "request", 0))).isNotNull();
  }

  @Test
  void a_late_purge_cannot_be_backdated_to_look_on_time() {
    a.net.advance(Duration.ofDays(40));
    assertThat(purgeDated(Duration.ofDays(-9)).errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void a_timestamp_within_the_tolerance_of_the_peer_clock_is_accepted() {
    a.net.advance(Duration.ofDays(31));
    assertThat(purgeDated(Duration.ofMinutes(4)).errorCode()).isNull();
  }
}
