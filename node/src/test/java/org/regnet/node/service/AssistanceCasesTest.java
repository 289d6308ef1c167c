package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssistanceCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Records each call; answers the reads a request's parties. */
  private static final class Recording implements Ledger {
    record Call(String tx, String arg, Map<String, byte[]> transientData, List<String> endorsers) {}

    final List<Call> calls = new ArrayList<>();
    String conflictWith;

    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(new Call(tx, arg, t, endorsers));
      if (conflictWith != null) {
        throw new LedgerException(
            "CONFLICT", "requestId: request " + conflictWith + " already exists");
      }
      return "{\"requestId\":\"RFA-0123456789abcdef\"}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(new Call(tx, arg, t, endorsers));
      return switch (tx) {
        case "agreement:get" -> "{\"parties\":[\"AlpineMSP\",\"HarbourMSP\"]}";
        case "assistance:get" -> arg;
        default -> "{}";
      };
    }
  }

  private final Recording ledger = new Recording();
  private final AssistanceCases cases = new AssistanceCases(ledger, "HarbourMSP");

  @Test
  void a_replys_content_is_only_in_the_transient_map_and_no_endorsers_are_named() {
    ObjectNode pub =
        JSON.createObjectNode().put("requestId", "RFA-0123456789abcdef").put("finalReply", true);
    ObjectNode content = JSON.createObjectNode().put("message", "Statements attached");

    cases.step("bob", "assistance:reply", pub, content);

    Recording.Call submit = ledger.calls.get(ledger.calls.size() - 1);
    assertThat(submit.tx()).isEqualTo("assistance:reply");
    // the pair collection's policy makes discovery pick the two parties' peers (decision 0013)
    assertThat(submit.endorsers()).isEmpty();
    assertThat(submit.arg()).doesNotContain("Statements attached");
    assertThat(new String(submit.transientData().get("payload"), StandardCharsets.UTF_8))
        .contains("Statements attached");
    assertThat(submit.transientData().get("salt")).hasSize(32);
  }

  @Test
  void a_submission_keeps_its_payload_out_of_the_argument() {
    ObjectNode pub = JSON.createObjectNode().put("agreementId", "AGR-0123456789abcdef");
    cases.submit("bob", pub, JSON.createObjectNode().put("facts", "secret facts"));

    Recording.Call submit = ledger.calls.get(ledger.calls.size() - 1);
    assertThat(submit.tx()).isEqualTo("assistance:submit");
    assertThat(submit.arg()).doesNotContain("secret facts");
    assertThat(new String(submit.transientData().get("payload"), StandardCharsets.UTF_8))
        .contains("secret facts");
  }

  @Test
  void a_retried_submission_answers_the_request_the_first_attempt_made() {
    ObjectNode pub = JSON.createObjectNode().put("agreementId", "AGR-0123456789abcdef");
    JsonNode answer =
        IdempotencyScope.with(
            "bob",
            "client-key-0123456789",
            () -> {
              ledger.conflictWith =
                  IdempotencyScope.derivedId("RFA", "HarbourMSP", IdempotencyScope.current().get());
              return cases.submit("bob", pub, JSON.createObjectNode().put("facts", "x"));
            });
    assertThat(answer.get("requestId").asText()).isEqualTo(ledger.conflictWith);
  }

  @Test
  void a_conflict_without_an_idempotency_key_is_the_callers_error() {
    ledger.conflictWith = "RFA-0123456789abcdef";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                cases.submit(
                    "bob",
                    JSON.createObjectNode().put("agreementId", "AGR-0123456789abcdef"),
                    JSON.createObjectNode()))
        .isInstanceOf(LedgerException.class);
  }
}
