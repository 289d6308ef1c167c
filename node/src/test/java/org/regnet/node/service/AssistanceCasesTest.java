package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(new Call(tx, arg, t, endorsers));
      return "{\"requestId\":\"RFA-0123456789abcdef\"}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(new Call(tx, arg, t, endorsers));
      return switch (tx) {
        case "agreement:get" -> "{\"parties\":[\"AlpineMSP\",\"HarbourMSP\"]}";
        case "assistance:get" -> "{\"requester\":\"AlpineMSP\",\"requested\":\"HarbourMSP\"}";
        default -> "{}";
      };
    }
  }

  private final Recording ledger = new Recording();
  private final AssistanceCases cases = new AssistanceCases(ledger, "HarbourMSP");

  @Test
  void a_reply_goes_only_to_the_two_parties_peers_with_its_content_only_in_the_transient_map() {
    ObjectNode pub =
        JSON.createObjectNode().put("requestId", "RFA-0123456789abcdef").put("finalReply", true);
    ObjectNode content = JSON.createObjectNode().put("message", "Statements attached");

    cases.step("bob", "assistance:reply", pub, content);

    Recording.Call submit = ledger.calls.get(ledger.calls.size() - 1);
    assertThat(submit.tx()).isEqualTo("assistance:reply");
    assertThat(submit.endorsers()).containsExactly("AlpineMSP", "HarbourMSP");
    assertThat(submit.arg()).doesNotContain("Statements attached");
    assertThat(new String(submit.transientData().get("payload"), StandardCharsets.UTF_8))
        .contains("Statements attached");
    assertThat(submit.transientData().get("salt")).hasSize(32);
  }

  @Test
  void a_submission_is_endorsed_by_this_authority_and_the_agreements_other_party() {
    ObjectNode pub = JSON.createObjectNode().put("agreementId", "AGR-0123456789abcdef");
    cases.submit("bob", pub, JSON.createObjectNode().put("facts", "secret facts"));

    Recording.Call submit = ledger.calls.get(ledger.calls.size() - 1);
    assertThat(submit.endorsers()).containsExactly("HarbourMSP", "AlpineMSP");
    assertThat(submit.arg()).doesNotContain("secret facts");
  }

  @Test
  void the_content_is_read_on_this_authoritys_own_peer() {
    cases.content("bob", "RFA-0123456789abcdef");
    assertThat(ledger.calls.get(0).endorsers()).containsExactly("HarbourMSP");
  }
}
