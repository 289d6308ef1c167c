package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.FlagFixture.ADDRESS;
import static org.regnet.chaincode.testing.FlagFixture.lookupKey;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.FlagFixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;

/**
 * A flag lookup that finds a match leaves an audit entry the flag's originator can see: the query
 * names only handles, and the details come only after the transaction that records the match, in
 * the pair collection of the originator and the looker.
 */
class FlagMatchAuditTest {
  private final Fixture f = new Fixture();
  private final FlagFixture flags = new FlagFixture(f.net);
  private String key;
  private String flagId;

  @BeforeEach
  void aFlagRaisedByAlpine() {
    f.foundTreaty();
    key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    flagId =
        flags.raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z", "match-audit-idempotency-1");
  }

  private Result recordMatch(final Identity who, final String lookupKey, final String id) {
    return flags.recordMatch(who, lookupKey, id, ALPINE);
  }

  private JsonNode auditOfFlag(final Identity who) {
    return ok(flags.audit(who, flagId)).json().get("items");
  }

  @Test
  void the_lookup_names_a_handle_and_no_detail_and_writes_nothing() {
    final Result r = flags.lookup(officer(HARBOUR), key);

    assertThat(r.json().get("flagged").asBoolean()).isTrue();
    assertThat(r.json().at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(r.body())
        .doesNotContain("RANSOMWARE")
        .doesNotContain("HIGH")
        .doesNotContain("CASE-2025-0042")
        .doesNotContain("2026-01-01");
    assertThat(r.tx().writes()).isEmpty();
    assertThat(r.tx().privateWrites()).isEmpty();
  }

  @Test
  void
      recording_the_match_reveals_the_flag_to_that_certificate_and_leaves_an_entry_for_the_originator() {
    final Result r = ok(recordMatch(officer(HARBOUR), key, flagId));

    assertThat(r.body()).doesNotContain("RANSOMWARE").doesNotContain(flagId);
    assertThat(r.tx().eventName()).isEqualTo("regnet.flag.matched");
    assertThat(r.tx().privateWrites()).containsOnlyKeys(PairStore.collection(ALPINE, HARBOUR));
    final JsonNode seen = flags.lookup(officer(HARBOUR), key).json();
    assertThat(seen.at("/matches/0/flag/category").asText()).isEqualTo("RANSOMWARE");
    assertThat(seen.at("/matches/0/flag/evidenceRef").asText()).isEqualTo("CASE-2025-0042");
    // another certificate of the same authority has recorded nothing: no details for it
    final JsonNode other = flags.lookup(investigator(HARBOUR), key).json();
    assertThat(other.at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(other.toString()).doesNotContain("RANSOMWARE");
    assertThat(auditOfFlag(auditor(ALPINE)))
        .anySatisfy(
            e -> {
              assertThat(e.get("action").asText()).isEqualTo("flag.matched");
              assertThat(e.at("/actor/msp").asText()).isEqualTo(HARBOUR);
              assertThat(e.at("/actor/role").asText()).isEqualTo("case-officer");
            });
    assertThat(auditOfFlag(auditor(HARBOUR)))
        .extracting(e -> e.get("action").asText())
        .containsExactly("flag.raised", "flag.matched");
  }

  @Test
  void nobody_beyond_the_originator_and_the_looker_sees_the_entry() {
    ok(recordMatch(officer(HARBOUR), key, flagId));

    // positive control: Lagoon, a treaty member, does see the entry of its own copy
    assertThat(auditOfFlag(auditor(LAGOON)))
        .extracting(e -> e.get("action").asText())
        .containsExactly("flag.raised");
    assertThat(
            f.net
                .ledger()
                .privateData(
                    PairStore.collection(ALPINE, LAGOON),
                    "\u0000flag~match\u0000" + flagId + "\u0000"))
        .isNull();
  }

  @Test
  void the_queried_hash_and_the_flag_are_never_in_the_transaction_its_result_or_its_event() {
    final Result r = ok(recordMatch(officer(HARBOUR), key, flagId));

    assertThat(r.tx().getArgs())
        .allSatisfy(
            a ->
                assertThat(new String(a, StandardCharsets.UTF_8))
                    .doesNotContain(key)
                    .doesNotContain(flagId));
    assertThat(r.tx().writes()).isEmpty();
    r.tx()
        .privateWrites()
        .values()
        .forEach(
            m ->
                m.forEach(
                    (k, v) -> {
                      assertThat(k).doesNotContain(key);
                      assertThat(new String(v, StandardCharsets.UTF_8)).doesNotContain(key);
                    }));
    assertThat(new String(r.tx().eventPayload(), StandardCharsets.UTF_8))
        .doesNotContain(key)
        .doesNotContain(flagId);
    assertThat(r.body()).doesNotContain(key);
    assertThat(r.tx().reads()).allSatisfy(k -> assertThat(k).doesNotContain(key));
  }

  @Test
  void a_client_that_does_not_know_the_identifier_learns_nothing_and_records_nothing() {
    final String other =
        lookupKey("CHAIN_ADDRESS", "eip155:1:0xdead000000000000000000000000000000000000");

    final Result r = recordMatch(officer(HARBOUR), other, flagId);

    assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(r.body()).doesNotContain("RANSOMWARE");
    assertThat(auditOfFlag(auditor(ALPINE)))
        .extracting(e -> e.get("action").asText())
        .doesNotContain("flag.matched");
  }

  @Test
  void a_retracted_flag_is_not_revealed() {
    ok(flags.retractFor(investigator(ALPINE), flagId, HARBOUR));

    assertThat(recordMatch(officer(HARBOUR), key, flagId).errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void the_originator_records_no_match_of_its_own_flag() {
    final Result r = flags.recordMatch(officer(ALPINE), key, flagId, ALPINE);

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void non_members_and_roles_that_may_not_look_up_are_refused() {
    assertThat(recordMatch(officer(DELTA), key, flagId).errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(recordMatch(admin(HARBOUR), key, flagId).errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(flags.audit(auditor(DELTA), flagId).errorCode()).isEqualTo("ACCESS_DENIED");
  }
}
