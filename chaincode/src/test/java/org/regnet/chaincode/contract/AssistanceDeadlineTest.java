package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.InMemoryLedger;

class AssistanceDeadlineTest {

  private final AssistanceFixture a = new AssistanceFixture();
  private String id;

  @BeforeEach
  void submitted() {
    id = a.submitted();
  }

  private String mark() {
    return a.net.submit(investigator(ALPINE), "assistance:markOverdue", ref(id)).errorCode();
  }

  private List<String> events() {
    return a.net.ledger().committed().stream().map(InMemoryLedger.Committed::eventName).toList();
  }

  @Test
  void nothing_is_overdue_before_the_deadline() {
    a.net.advance(Duration.ofDays(5));
    assertThat(mark()).isEqualTo("INVALID_STATE");
  }

  @Test
  void a_missed_acknowledgement_is_recorded_once_with_an_event() {
    a.net.advance(Duration.ofDays(7));
    assertThat(mark()).isNull();
    assertThat(events()).last().isEqualTo("regnet.pair.updated");
    assertThat(a.lastEvent()).isEqualTo("regnet.assistance.overdue");
    final JsonNode o =
        ok(a.net.evaluate(officer(HARBOUR), "assistance:get", ref(id))).json().get("progress");
    assertThat(o.get("overdue").get(0).get("kind").asText()).isEqualTo("ACKNOWLEDGEMENT");
    assertThat(mark()).isEqualTo("INVALID_STATE");
  }

  @Test
  void a_missed_reply_date_is_recorded_per_estimate() {
    ok(a.acknowledge(id)); // estimate 2025-03-20
    a.net.advance(Duration.ofDays(20));
    assertThat(mark()).isNull();
    assertThat(mark()).isEqualTo("INVALID_STATE");
    ok(
        a.net.submit(
            officer(HARBOUR),
            "assistance:reestimate",
            "{\"requestId\":\"" + id + "\",\"estimatedReplyAt\":\"2025-03-25T00:00:00Z\"}",
            AssistanceFixture.message("Waiting for the bank")));
    a.net.advance(Duration.ofDays(5));
    assertThat(mark()).isNull();
    final JsonNode o =
        ok(a.net.evaluate(officer(ALPINE), "assistance:get", ref(id))).json().get("progress");
    assertThat(o.get("overdue"))
        .extracting(m -> m.get("dueAt").asText())
        .containsExactly("2025-03-20T00:00:00Z", "2025-03-25T00:00:00Z");
  }

  @Test
  void an_answered_request_is_never_overdue_and_a_non_party_cannot_mark_it() {
    assertThat(a.net.submit(investigator(LAGOON), "assistance:markOverdue", ref(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    ok(a.acknowledge(id));
    ok(
        a.reply(
            id,
            true,
            "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},{\"itemNo\":2,\"outcome\":\"PROVIDED\"}]"));
    a.net.advance(Duration.ofDays(60));
    assertThat(mark()).isEqualTo("INVALID_STATE");
  }
}
