package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.message;
import static org.regnet.chaincode.testing.AssistanceFixture.privateKey;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.AssistanceFixture.utf8;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;

class AssistanceReplyTest {

  private static final String REFUSE_2 =
      "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},"
          + "{\"itemNo\":2,\"outcome\":\"REFUSED\",\"refusalGround\":\"PREJUDICE_TO_OWN_INVESTIGATION\"}]";

  private final AssistanceFixture a = new AssistanceFixture();
  private String id;

  @BeforeEach
  void submitted() {
    id = a.submitted();
  }

  private JsonNode record() {
    return ok(a.net.evaluate(officer(ALPINE), "assistance:get", ref(id))).json();
  }

  @Test
  void acknowledgement_carries_an_estimate_or_an_update_frequency() {
    assertThat(a.net.submit(officer(HARBOUR), "assistance:acknowledge", ref(id)).errorCode())
        .isEqualTo("VALIDATION_FAILED");
    ok(
        a.net.submit(
            officer(HARBOUR),
            "assistance:acknowledge",
            "{\"requestId\":\"" + id + "\",\"updateFrequencyDays\":7}"));
    final JsonNode p = record().get("progress");
    assertThat(p.get("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(p.get("updateFrequencyDays").asInt()).isEqualTo(7);
  }

  @Test
  void the_requester_cannot_take_the_requested_authoritys_turn() {
    assertThat(
            a.net
                .submit(
                    officer(ALPINE),
                    "assistance:acknowledge",
                    "{\"requestId\":\"" + id + "\",\"updateFrequencyDays\":7}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_reply_needs_an_acknowledgement_first() {
    assertThat(a.reply(id, false, REFUSE_2).errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void partial_refusal_gives_a_ground_per_item_and_the_reply_content_stays_private() {
    ok(a.acknowledge(id));
    final JsonNode answered = ok(a.reply(id, true, REFUSE_2)).json();

    final JsonNode p = answered.get("progress");
    assertThat(p.get("status").asText()).isEqualTo("ANSWERED");
    assertThat(p.get("replies").get(0).get("items").get(1).get("refusalGround").asText())
        .isEqualTo("PREJUDICE_TO_OWN_INVESTIGATION");
    assertThat(p.get("finalReplyAt").isNull()).isFalse();
    assertThat(utf8(a.pairPrivate(privateKey(id, "reply", 1)))).contains("DOC-1");
    assertThat(utf8(a.record(id))).contains(id).doesNotContain("DOC-1", "Statements attached");
  }

  @Test
  void a_refusal_needs_a_ground_the_treaty_lists() {
    ok(a.acknowledge(id));
    assertThat(a.reply(id, false, "[{\"itemNo\":1,\"outcome\":\"REFUSED\"}]").errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            a.reply(
                    id,
                    false,
                    "[{\"itemNo\":1,\"outcome\":\"REFUSED\",\"refusalGround\":\"ESSENTIAL_NATIONAL_INTEREST\"}]")
                .errorCode())
        .isEqualTo("OUT_OF_SCOPE");
    assertThat(
            a.reply(
                    id,
                    false,
                    "[{\"itemNo\":1,\"outcome\":\"PROVIDED\",\"refusalGround\":\"PUBLIC_INTEREST\"}]")
                .errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void partial_replies_then_a_final_reply_that_answers_every_deferred_item() {
    ok(a.acknowledge(id));
    ok(
        a.reply(
            id,
            false,
            "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},{\"itemNo\":2,\"outcome\":\"DEFERRED\"}]"));
    assertThat(record().get("progress").get("status").asText()).isEqualTo("PARTIALLY_ANSWERED");
    // item 1 is answered already, and a final reply defers nothing and leaves nothing open
    assertThat(a.reply(id, false, "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"}]").errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(a.reply(id, true, "[{\"itemNo\":2,\"outcome\":\"DEFERRED\"}]").errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(a.reply(id, true, "[{\"itemNo\":3,\"outcome\":\"PROVIDED\"}]").errorCode())
        .isEqualTo("VALIDATION_FAILED");
    ok(a.reply(id, true, "[{\"itemNo\":2,\"outcome\":\"PROVIDED\"}]"));
    assertThat(record().get("progress").get("replies")).hasSize(2);
    assertThat(a.reply(id, true, "[{\"itemNo\":2,\"outcome\":\"PROVIDED\"}]").errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void a_late_reply_gets_a_new_estimate_with_reasons() {
    ok(a.acknowledge(id));
    assertThat(
            a.net
                .submit(
                    officer(HARBOUR),
                    "assistance:reestimate",
                    "{\"requestId\":\"" + id + "\",\"estimatedReplyAt\":\"2025-04-30T00:00:00Z\"}")
                .errorCode())
        .isEqualTo("VALIDATION_FAILED");
    ok(
        a.net.submit(
            officer(HARBOUR),
            "assistance:reestimate",
            "{\"requestId\":\"" + id + "\",\"estimatedReplyAt\":\"2025-04-30T00:00:00Z\"}",
            message("The bank has not yet produced the statements")));
    ok(
        a.net.submit(
            officer(HARBOUR), "assistance:reportProgress", ref(id), message("Bank replied")));
    final JsonNode p = record().get("progress");
    assertThat(p.get("estimatedReplyAt").asText()).isEqualTo("2025-04-30T00:00:00Z");
    assertThat(p.get("updates"))
        .extracting(u -> u.get("kind").asText())
        .containsExactly("NEW_ESTIMATE", "PROGRESS");
  }

  @Test
  void urgency_can_be_contested_once_and_only_when_there_is_one() {
    assertThat(
            a.net
                .submit(officer(HARBOUR), "assistance:contestUrgency", ref(id), message("No"))
                .errorCode())
        .isEqualTo("INVALID_STATE");
    final String urgent = a.submitted("URGENT", "Funds leaving", "ASSET_FREEZE");
    ok(
        a.net.submit(
            officer(HARBOUR),
            "assistance:contestUrgency",
            ref(urgent),
            message("Funds are already frozen domestically")));
    assertThat(
            a.net
                .submit(officer(HARBOUR), "assistance:contestUrgency", ref(urgent), message("x"))
                .errorCode())
        .isEqualTo("CONFLICT");
    final JsonNode r = ok(a.net.evaluate(officer(ALPINE), "assistance:get", ref(urgent))).json();
    assertThat(r.get("progress").get("urgencyContested").asBoolean()).isTrue();
  }
}
