package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A lookup that finds a match reveals it only through the transaction that records the match. */
class FlagsLookupTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Call(String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {}

  private static final class ScriptedLedger implements Ledger {
    final List<Call> calls = new ArrayList<>();
    final String lookupAnswer;

    ScriptedLedger(String lookupAnswer) {
      this.lookupAnswer = lookupAnswer;
    }

    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
      calls.add(new Call(tx, arg, tr, endorsers));
      String id = arg.replaceAll(".*\"flagId\":\"([^\"]+)\".*", "$1");
      return "{\"flag\":{\"flagId\":\"" + id + "\",\"category\":\"RANSOMWARE\"},\"auditId\":\"x\"}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
      calls.add(new Call(tx, arg, tr, endorsers));
      return lookupAnswer;
    }
  }

  private static ObjectNode request() {
    return JSON.createObjectNode()
        .put("treatyId", "TRT-X")
        .put("subjectType", "LEI")
        .put("identifier", "529900T8BM49AURSDO55");
  }

  @Test
  void each_match_is_recorded_on_the_own_and_the_originators_peers() {
    ScriptedLedger ledger =
        new ScriptedLedger(
            "{\"treatyId\":\"TRT-X\",\"flagged\":true,\"matches\":["
                + "{\"flagId\":\"FLG-1\",\"originator\":\"AlpineMSP\"},"
                + "{\"flagId\":\"FLG-2\",\"originator\":\"HarbourMSP\"}]}");
    Flags flags = new Flags(ledger, "HarbourMSP", t -> Optional.of("treaty-lookup-key"));

    JsonNode out = flags.lookup("u", request());

    assertThat(out.get("flagged").asBoolean()).isTrue();
    assertThat(out.get("flags"))
        .extracting(f -> f.get("flagId").asText())
        .containsExactly("FLG-1", "FLG-2");
    assertThat(ledger.calls)
        .extracting(Call::tx)
        .containsExactly("flag:lookup", "flag:recordMatch", "flag:recordMatch");
    assertThat(ledger.calls.get(1).endorsers()).containsExactly("HarbourMSP", "AlpineMSP");
    // the own flag: the gateway chooses the second peer the chaincode policy needs
    assertThat(ledger.calls.get(2).endorsers()).isEmpty();
    for (Call c : ledger.calls) {
      String key = new String(c.tr().get("lookupKey"), StandardCharsets.UTF_8);
      assertThat(key).hasSize(64);
      assertThat(c.arg()).doesNotContain(key).doesNotContain("529900");
    }
  }

  @Test
  void no_match_means_no_transaction() {
    ScriptedLedger ledger =
        new ScriptedLedger("{\"treatyId\":\"TRT-X\",\"flagged\":false,\"matches\":[]}");
    Flags flags = new Flags(ledger, "HarbourMSP", t -> Optional.of("treaty-lookup-key"));

    JsonNode out = flags.lookup("u", request());

    assertThat(out.get("flagged").asBoolean()).isFalse();
    assertThat(ledger.calls).extracting(Call::tx).containsExactly("flag:lookup");
  }
}
