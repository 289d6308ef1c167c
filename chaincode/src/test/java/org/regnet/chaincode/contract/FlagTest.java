package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.FlagFixture.ADDRESS;
import static org.regnet.chaincode.testing.FlagFixture.hidden;
import static org.regnet.chaincode.testing.FlagFixture.lookupKey;
import static org.regnet.chaincode.testing.FlagFixture.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.FlagFixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

class FlagTest {

  private static final String IDEM = "flag-test-idempotency-key-1";

  private final Fixture f = new Fixture();
  private final FlagFixture flags = new FlagFixture(f.net);

  @BeforeEach
  void treaty() {
    f.foundTreaty();
  }

  @Test
  void member_finds_a_flagged_identifier_by_its_keyed_hash() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final String flagId = flags.raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z", IDEM);

    final JsonNode r = flags.lookup(officer(HARBOUR), key).json();

    assertThat(r.get("flagged").asBoolean()).isTrue();
    assertThat(r.get("matches")).hasSize(1);
    assertThat(r.at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(r.at("/matches/0/originator").asText()).isEqualTo(ALPINE);
  }

  @Test
  void the_originator_sees_its_own_flag_once_with_its_details() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final String flagId = flags.raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z", IDEM);

    final JsonNode r = flags.lookup(officer(ALPINE), key).json();

    // in both of Alpine's pairs, named once
    assertThat(r.get("matches")).hasSize(1);
    assertThat(r.at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(r.at("/matches/0/flag/category").asText()).isEqualTo("RANSOMWARE");
  }

  @Test
  void each_copy_lives_only_in_the_pair_collection_of_the_originator_and_one_member() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    ok(flags.raiseFor(investigator(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", IDEM));
    final String flagId = FlagFixture.flagId(ALPINE, IDEM);

    // Lagoon has no copy yet: its pairs hold nothing of the flag
    assertThat(flags.lookup(officer(LAGOON), key).json().get("flagged").asBoolean()).isFalse();
    assertThat(flags.lookup(officer(HARBOUR), key).json().get("flagged").asBoolean()).isTrue();
    assertThat(
            f.net
                .ledger()
                .privateData(PairStore.collection(ALPINE, LAGOON), compositeFlagKey(flagId)))
        .isNull();
    assertThat(
            f.net
                .ledger()
                .privateData(PairStore.collection(ALPINE, HARBOUR), compositeFlagKey(flagId)))
        .isNotNull();
    // nothing of it in world state, which every peer of the channel holds
    for (String k : f.net.ledger().keys()) {
      assertThat(k).doesNotContain(flagId);
      assertThat(new String(f.net.ledger().state(k), StandardCharsets.UTF_8))
          .doesNotContain(flagId)
          .doesNotContain("CASE-2025-0042")
          .doesNotContain(key);
    }

    // the next copy of the fan-out reaches Lagoon
    ok(flags.raiseFor(investigator(ALPINE), LAGOON, key, "2026-01-01T00:00:00Z", IDEM));
    assertThat(flags.lookup(officer(LAGOON), key).json().at("/matches/0/flagId").asText())
        .isEqualTo(flagId);
  }

  @Test
  void a_flag_transaction_puts_nothing_about_the_flag_into_the_block_or_its_event() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final Result r =
        ok(flags.raiseFor(investigator(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", IDEM));
    final String flagId = FlagFixture.flagId(ALPINE, IDEM);

    assertThat(r.body()).doesNotContain(flagId).doesNotContain("RANSOMWARE").doesNotContain(key);
    assertThat(new String(r.tx().eventPayload(), StandardCharsets.UTF_8))
        .doesNotContain(flagId)
        .doesNotContain(TREATY)
        .doesNotContain("RANSOMWARE")
        .doesNotContain(key);
    assertThat(r.tx().getArgs())
        .allSatisfy(
            a ->
                assertThat(new String(a, StandardCharsets.UTF_8))
                    .doesNotContain(key)
                    .doesNotContain(flagId)
                    .doesNotContain("CASE-2025-0042"));
    assertThat(r.tx().writes()).isEmpty();
    assertThat(r.tx().reads()).allSatisfy(k -> assertThat(k).doesNotContain(flagId));
    assertThat(r.tx().privateWrites()).containsOnlyKeys(PairStore.collection(ALPINE, HARBOUR));
  }

  @Test
  void the_originator_writes_the_same_flag_for_a_member_that_had_no_copy() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    ok(flags.raiseFor(investigator(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", IDEM));
    final String flagId = FlagFixture.flagId(ALPINE, IDEM);

    // Lagoon, say admitted later: the originator's own peer gives the flag and its keys
    final JsonNode copy = ok(flags.copy(officer(ALPINE), flagId)).json();
    assertThat(copy.get("lookupKey").asText()).isEqualTo(key);
    final String sameKey = copy.get("idempotencyKey").asText();
    final JsonNode flag = copy.get("flag");
    ok(
        f.net.submitEndorsedBy(
            officer(ALPINE),
            "flag:raise",
            "{}",
            hidden(
                request(
                    LAGOON,
                    flag.get("category").asText(),
                    flag.get("expiresAt").asText(),
                    flag.get("evidenceRef").asText()),
                copy.get("lookupKey").asText(),
                sameKey),
            ALPINE,
            LAGOON));

    assertThat(flags.lookup(officer(LAGOON), key).json().at("/matches/0/flagId").asText())
        .isEqualTo(flagId);
    // only the originator, and only on its own peer
    assertThat(flags.copy(officer(HARBOUR), flagId).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(
            f.net
                .evaluate(
                    officer(ALPINE),
                    "flag:copy",
                    "{\"treatyId\":\"%s\",\"flagId\":\"%s\"}".formatted(TREATY, flagId),
                    Map.of(),
                    HARBOUR)
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_repeated_copy_writes_nothing_and_names_the_same_flag() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    ok(flags.raiseFor(investigator(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", IDEM));

    final Result again =
        ok(flags.raiseFor(investigator(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", IDEM));

    assertThat(again.json().get("written").asBoolean()).isFalse();
    assertThat(again.tx().privateWrites()).isEmpty();
    assertThat(flags.lookup(officer(HARBOUR), key).json().get("matches")).hasSize(1);
  }

  @Test
  void unflagged_identifier_answers_not_flagged_and_leaves_no_trace() {
    flags.raise(
        investigator(ALPINE), lookupKey("CHAIN_ADDRESS", ADDRESS), "2026-01-01T00:00:00Z", IDEM);
    final int committed = f.net.ledger().committed().size();

    final Result r =
        flags.lookup(
            officer(HARBOUR),
            lookupKey("CHAIN_ADDRESS", "eip155:1:0xdead000000000000000000000000000000000000"));

    assertThat(r.json().get("flagged").asBoolean()).isFalse();
    assertThat(r.tx().writes()).isEmpty();
    assertThat(r.tx().privateWrites()).isEmpty();
    assertThat(r.tx().eventName()).isNull();
    assertThat(f.net.ledger().committed()).hasSize(committed);
  }

  @Test
  void the_lookup_runs_only_on_the_callers_own_peer() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    flags.raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z", IDEM);

    final Result onAlpinesPeer =
        f.net.evaluate(
            officer(HARBOUR),
            "flag:lookup",
            "{\"treatyId\":\"" + TREATY + "\"}",
            hidden(null, key, null),
            ALPINE);

    assertThat(onAlpinesPeer.errorCode()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void retracted_and_expired_flags_are_not_returned() {
    final String key = lookupKey("LEI", "5493001KJTIIGC8Y1R12");
    final String flagId = flags.raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z", IDEM);
    flags.raise(investigator(LAGOON), key, "2025-03-02T00:00:00Z", "lagoon-flag-idempotency-1");

    assertThat(flags.lookup(officer(HARBOUR), key).json().get("matches")).hasSize(2);
    ok(flags.retractFor(investigator(ALPINE), flagId, HARBOUR));
    assertThat(flags.lookup(officer(HARBOUR), key).json().get("matches")).hasSize(1);
    // the retraction reached Harbour's copy only so far: Lagoon's copy is still live
    assertThat(flags.lookup(officer(LAGOON), key).json().get("matches")).hasSize(2);
    ok(flags.retractFor(investigator(ALPINE), flagId, LAGOON));
    assertThat(flags.lookup(officer(LAGOON), key).json().get("matches")).hasSize(1);
    f.net.advance(Duration.ofDays(2));
    assertThat(flags.lookup(officer(HARBOUR), key).json().get("flagged").asBoolean()).isFalse();
  }

  @Test
  void only_the_originator_retracts_and_a_second_retraction_changes_nothing() {
    final String flagId =
        flags.raise(
            investigator(ALPINE),
            lookupKey("ENTITY_NAME", "acme mixer ltd"),
            "2026-01-01T00:00:00Z",
            IDEM);

    assertThat(flags.retractFor(investigator(HARBOUR), flagId, ALPINE).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(ok(flags.retractFor(officer(ALPINE), flagId, HARBOUR)).json().get("written"))
        .isNotNull();
    final Result again = ok(flags.retractFor(officer(ALPINE), flagId, HARBOUR));
    assertThat(again.json().get("written").asBoolean()).isFalse();
    assertThat(again.tx().privateWrites()).isEmpty();
    assertThat(flags.retractFor(officer(ALPINE), "FLG-0123456789abcdef", HARBOUR).errorCode())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void non_members_cannot_raise_or_look_up_nor_receive_a_copy() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);

    assertThat(
            flags
                .raiseFor(investigator(DELTA), ALPINE, key, "2026-01-01T00:00:00Z", IDEM)
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(flags.lookup(officer(DELTA), key).errorCode()).isEqualTo("ACCESS_DENIED");
    final Result toDelta =
        flags.raiseFor(investigator(ALPINE), DELTA, key, "2026-01-01T00:00:00Z", IDEM);
    assertThat(toDelta.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(toDelta.message()).contains("member");
  }

  @Test
  void a_copy_names_another_member_and_the_flag_needs_an_idempotency_key() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final Result self =
        f.net.submit(
            investigator(ALPINE),
            "flag:raise",
            "{}",
            hidden(request(ALPINE, "RANSOMWARE", "2026-01-01T00:00:00Z", "X"), key, IDEM));
    final Result noKey =
        flags.raiseFor(investigator(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", null);

    assertThat(self.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(noKey.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(noKey.message()).contains("idempotencyKey");
  }

  @Test
  void the_request_travels_in_the_transient_map_only() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final Result inArgument =
        f.net.submitEndorsedBy(
            investigator(ALPINE),
            "flag:raise",
            request(HARBOUR, "RANSOMWARE", "2026-01-01T00:00:00Z", "X"),
            hidden(request(HARBOUR, "RANSOMWARE", "2026-01-01T00:00:00Z", "X"), key, IDEM),
            ALPINE,
            HARBOUR);

    assertThat(inArgument.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void treaty_admin_cannot_raise_but_auditor_may_look_up() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);

    assertThat(
            flags.raiseFor(admin(ALPINE), HARBOUR, key, "2026-01-01T00:00:00Z", IDEM).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(flags.lookup(auditor(HARBOUR), key).ok()).isTrue();
  }

  @Test
  void lookup_key_must_be_a_keyed_hash_not_a_raw_identifier() {
    final Result r =
        flags.raiseFor(investigator(ALPINE), HARBOUR, ADDRESS, "2026-01-01T00:00:00Z", IDEM);

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("transient.lookupKey");
  }

  @Test
  void refuses_a_market_abuse_category_and_a_past_expiry() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final Result wrongCategory =
        f.net.submitEndorsedBy(
            investigator(ALPINE),
            "flag:raise",
            "{}",
            hidden(request(HARBOUR, "SPOOFING", "2026-01-01T00:00:00Z", "X"), key, IDEM),
            ALPINE,
            HARBOUR);

    assertThat(wrongCategory.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(
            flags
                .raiseFor(investigator(ALPINE), HARBOUR, key, "2024-01-01T00:00:00Z", IDEM)
                .errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }

  private String compositeFlagKey(final String flagId) {
    return "\u0000flag\u0000" + flagId + "\u0000";
  }
}
