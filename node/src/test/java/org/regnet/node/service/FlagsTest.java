package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The node's side of flags held only by treaty members (decision 0021): a raise and a retraction
 * fan out one transaction per member, idempotently and with retries; a lookup records each match of
 * another authority's flag before it shows the flag; no transaction names endorsers, and neither
 * the identifier nor the lookup key is ever in an argument.
 */
class FlagsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWN = "HarbourMSP";

  record Call(String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
    String hidden(String key) {
      byte[] v = tr.get(key);
      return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }
  }

  /** A ledger holding copies per (flag, member) and matches per flag, as the chaincode would. */
  private static final class ScriptedLedger implements Ledger {
    final List<Call> calls = new ArrayList<>();
    final Set<String> copies = new HashSet<>();
    final Set<String> retracted = new HashSet<>();
    final Set<String> matched = new HashSet<>();
    final Map<String, Integer> failuresLeft = new HashMap<>();
    String foreignFlag;
    String ownFlagId = "FLG-own";

    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
      Call c = new Call(tx, arg, tr, endorsers);
      calls.add(c);
      JsonNode req = parse(c.hidden("flag"));
      String member = req.path("member").asText();
      Integer left = failuresLeft.get(member);
      if (left != null && left > 0) {
        failuresLeft.put(member, left - 1);
        throw new LedgerException("UNAVAILABLE", "orderer down");
      }
      switch (tx) {
        case "flag:raise" -> {
          copies.add(member);
          ownFlagId = IdempotencyScope.derivedId("FLG", OWN, c.hidden("idempotencyKey"));
        }
        case "flag:retract" -> {
          if (!copies.contains(member)) {
            throw new LedgerException("NOT_FOUND", "flagId: no flag with this member");
          }
          retracted.add(member);
        }
        case "flag:recordMatch" -> matched.add(req.path("flagId").asText());
        default -> throw new AssertionError(tx);
      }
      return "{\"written\":true}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
      calls.add(new Call(tx, arg, tr, endorsers));
      if (tx.equals("flag:copy")) {
        return "{\"flag\":{\"flagId\":\"FLG-0123456789abcdef\",\"status\":\"ACTIVE\","
            + "\"subjectType\":\"LEI\",\"category\":\"RANSOMWARE\",\"confidence\":\"HIGH\","
            + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"evidenceRef\":\"CASE-1\"},"
            + "\"lookupKey\":\""
            + "ab".repeat(32)
            + "\",\"idempotencyKey\":\"first-key-of-the-flag\"}";
      }
      if (tx.equals("treaty:get")) {
        return "{\"treatyId\":\"TRT-X\",\"members\":["
            + "{\"msp\":\"AlpineMSP\",\"status\":\"ACTIVE\"},"
            + "{\"msp\":\"HarbourMSP\",\"status\":\"ACTIVE\"},"
            + "{\"msp\":\"LagoonMSP\",\"status\":\"ACTIVE\"},"
            + "{\"msp\":\"OldMSP\",\"status\":\"WITHDRAWN\"}]}";
      }
      List<String> matches = new ArrayList<>();
      if (!copies.isEmpty()) {
        matches.add(
            ("{\"flagId\":\"%s\",\"originator\":\"HarbourMSP\",\"flag\":"
                    + "{\"flagId\":\"%s\",\"category\":\"RANSOMWARE\"}}")
                .formatted(ownFlagId, ownFlagId));
      }
      if (foreignFlag != null) {
        matches.add(
            matched.contains(foreignFlag)
                ? "{\"flagId\":\""
                    + foreignFlag
                    + "\",\"originator\":\"AlpineMSP\",\"flag\":{\"flagId\":\""
                    + foreignFlag
                    + "\",\"category\":\"FRAUD_SCAM\"}}"
                : "{\"flagId\":\"" + foreignFlag + "\",\"originator\":\"AlpineMSP\"}");
      }
      return "{\"treatyId\":\"TRT-X\",\"flagged\":"
          + !matches.isEmpty()
          + ",\"matches\":["
          + String.join(",", matches)
          + "]}";
    }

    List<Call> of(String tx) {
      return calls.stream().filter(c -> c.tx().equals(tx)).toList();
    }
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode raiseRequest() {
    return JSON.createObjectNode()
        .put("treatyId", "TRT-X")
        .put("subjectType", "LEI")
        .put("identifier", "529900T8BM49AURSDO55")
        .put("category", "RANSOMWARE")
        .put("confidence", "HIGH")
        .put("expiresAt", "2099-01-01T00:00:00Z")
        .put("evidenceRef", "CASE-1");
  }

  private static Flags flags(Ledger ledger) {
    return new Flags(ledger, OWN, t -> Optional.of("treaty-lookup-key"));
  }

  @Test
  void a_raise_writes_one_copy_for_every_other_active_member_under_one_key() {
    ScriptedLedger ledger = new ScriptedLedger();

    JsonNode out = flags(ledger).raise("u", raiseRequest());

    List<Call> raises = ledger.of("flag:raise");
    assertThat(raises)
        .extracting(c -> parse(c.hidden("flag")).get("member").asText())
        .containsExactly("AlpineMSP", "LagoonMSP");
    assertThat(raises).extracting(c -> c.hidden("idempotencyKey")).doesNotContainNull();
    assertThat(raises.get(0).hidden("idempotencyKey"))
        .isEqualTo(raises.get(1).hidden("idempotencyKey"));
    assertThat(raises).allSatisfy(c -> assertThat(c.endorsers()).isEmpty());
    assertThat(raises).allSatisfy(c -> assertThat(c.arg()).isEqualTo("{}"));
    assertThat(out.get("sharedWith")).extracting(JsonNode::asText).contains("AlpineMSP");
    assertThat(out.get("category").asText()).isEqualTo("RANSOMWARE");
    assertThat(out.get("flagId").asText())
        .isEqualTo(IdempotencyScope.derivedId("FLG", OWN, raises.get(0).hidden("idempotencyKey")));
  }

  @Test
  void a_copy_that_fails_is_tried_again_and_a_member_not_reached_fails_the_request() {
    ScriptedLedger ledger = new ScriptedLedger();
    ledger.failuresLeft.put("AlpineMSP", 1);
    flags(ledger).raise("u", raiseRequest());
    assertThat(ledger.copies).containsExactlyInAnyOrder("AlpineMSP", "LagoonMSP");

    ScriptedLedger down = new ScriptedLedger();
    down.failuresLeft.put("LagoonMSP", Flags.ATTEMPTS);
    assertThatThrownBy(() -> flags(down).raise("u", raiseRequest()))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("LagoonMSP")
        .hasMessageContaining("Idempotency-Key");
    assertThat(down.copies).containsExactly("AlpineMSP");
  }

  @Test
  void sharing_again_writes_the_same_flag_under_its_first_key_for_every_active_member() {
    ScriptedLedger ledger = new ScriptedLedger();
    ledger.copies.add("AlpineMSP");

    // the share request has an Idempotency-Key of its own: the flag's first key still wins
    JsonNode out =
        IdempotencyScope.with(
            "u",
            "share-request-key",
            () -> flags(new KeyedLedger(ledger)).share("u", "FLG-0123456789abcdef", "TRT-X"));

    List<Call> raises = ledger.of("flag:raise");
    assertThat(raises)
        .extracting(c -> parse(c.hidden("flag")).get("member").asText())
        .containsExactly("AlpineMSP", "LagoonMSP");
    assertThat(raises)
        .allSatisfy(
            c -> {
              assertThat(c.hidden("idempotencyKey")).isEqualTo("first-key-of-the-flag");
              assertThat(c.hidden("lookupKey")).isEqualTo("ab".repeat(32));
              assertThat(parse(c.hidden("flag")).get("evidenceRef").asText()).isEqualTo("CASE-1");
              assertThat(c.arg()).isEqualTo("{}");
            });
    assertThat(out.get("sharedWith")).extracting(JsonNode::asText).contains("LagoonMSP");
  }

  @Test
  void a_retraction_fans_out_to_every_member_holding_a_copy() {
    ScriptedLedger ledger = new ScriptedLedger();
    ledger.copies.add("AlpineMSP");

    JsonNode out = flags(ledger).retract("u", "FLG-0123456789abcdef", "TRT-X");

    assertThat(ledger.retracted).containsExactly("AlpineMSP");
    assertThat(out.get("retractedWith")).extracting(JsonNode::asText).containsExactly("AlpineMSP");
    assertThat(ledger.of("flag:retract"))
        .allSatisfy(
            c -> {
              assertThat(c.arg()).isEqualTo("{}");
              assertThat(c.endorsers()).isEmpty();
            });
  }

  @Test
  void a_lookup_records_each_match_of_another_authoritys_flag_then_shows_it() {
    ScriptedLedger ledger = new ScriptedLedger();
    ledger.copies.add("AlpineMSP"); // an own flag too
    ledger.foreignFlag = "FLG-1";

    JsonNode out =
        flags(ledger)
            .lookup(
                "u",
                JSON.createObjectNode()
                    .put("treatyId", "TRT-X")
                    .put("subjectType", "LEI")
                    .put("identifier", "529900T8BM49AURSDO55"));

    assertThat(out.get("flagged").asBoolean()).isTrue();
    assertThat(out.get("flags"))
        .extracting(f -> f.get("flagId").asText())
        .containsExactly("FLG-own", "FLG-1");
    assertThat(ledger.calls)
        .extracting(Call::tx)
        .containsExactly("flag:lookup", "flag:recordMatch", "flag:lookup");
    Call record = ledger.of("flag:recordMatch").get(0);
    assertThat(record.endorsers()).isEmpty();
    assertThat(parse(record.hidden("flag")).get("originator").asText()).isEqualTo("AlpineMSP");
    for (Call c : ledger.calls) {
      String key = c.hidden("lookupKey");
      assertThat(key).hasSize(64);
      assertThat(c.arg()).doesNotContain(key).doesNotContain("529900").doesNotContain("FLG-1");
    }
  }

  @Test
  void no_match_means_no_transaction() {
    ScriptedLedger ledger = new ScriptedLedger();

    JsonNode out =
        flags(ledger)
            .lookup(
                "u",
                JSON.createObjectNode()
                    .put("treatyId", "TRT-X")
                    .put("subjectType", "LEI")
                    .put("identifier", "529900T8BM49AURSDO55"));

    assertThat(out.get("flagged").asBoolean()).isFalse();
    assertThat(ledger.calls).extracting(Call::tx).containsExactly("flag:lookup");
  }
}
