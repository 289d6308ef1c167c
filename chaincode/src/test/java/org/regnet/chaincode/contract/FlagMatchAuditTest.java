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

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;

/**
 * A flag lookup that finds a match leaves an audit entry the flag's originator can see: the query
 * names only handles, and the details come only with the transaction that records the match.
 */
class FlagMatchAuditTest {
  private static final String ADDRESS = "eip155:1:0xabc0000000000000000000000000000000000001";
  private final Fixture f = new Fixture();
  private String key;
  private String flagId;

  @BeforeEach
  void aFlagRaisedByAlpine() {
    f.foundTreaty();
    key = FlagTest.lookupKey("CHAIN_ADDRESS", ADDRESS);
    flagId =
        ok(f.net.submit(
                investigator(ALPINE),
                "flag:raise",
                """
                {"treatyId":"%s","subjectType":"CHAIN_ADDRESS","chainId":"eip155:1",
                 "category":"RANSOMWARE","confidence":"HIGH","expiresAt":"2026-01-01T00:00:00Z",
                 "evidenceRef":"CASE-2025-0042"}"""
                    .formatted(TREATY),
                tr(key)))
            .json()
            .get("flagId")
            .asText();
  }

  private static Map<String, byte[]> tr(final String k) {
    return Map.of("lookupKey", k.getBytes(StandardCharsets.UTF_8));
  }

  private Result recordMatch(final Identity who, final String lookupKey, final String id) {
    return f.net.submitEndorsedBy(
        who,
        "flag:recordMatch",
        "{\"treatyId\":\"" + TREATY + "\",\"flagId\":\"" + id + "\"}",
        tr(lookupKey),
        who.msp(),
        ALPINE);
  }

  private JsonNode auditOfFlag(final Identity who) {
    return f.net
        .evaluate(who, "audit:byObject", "{\"objectId\":\"" + flagId + "\"}")
        .json()
        .get("items");
  }

  @Test
  void the_lookup_names_a_handle_and_no_detail_and_writes_nothing() {
    final Result r =
        f.net.evaluate(
            officer(HARBOUR), "flag:lookup", "{\"treatyId\":\"" + TREATY + "\"}", tr(key), HARBOUR);

    assertThat(r.json().get("flagged").asBoolean()).isTrue();
    assertThat(r.json().at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(r.body())
        .doesNotContain("RANSOMWARE")
        .doesNotContain("HIGH")
        .doesNotContain("CASE-2025-0042")
        .doesNotContain("2026-01-01");
    assertThat(r.tx().writes()).isEmpty();
  }

  @Test
  void recording_the_match_reveals_the_flag_and_leaves_an_entry_for_the_originator() {
    final Result r = ok(recordMatch(officer(HARBOUR), key, flagId));

    assertThat(r.json().at("/flag/category").asText()).isEqualTo("RANSOMWARE");
    assertThat(r.json().at("/flag/evidenceRef").asText()).isEqualTo("CASE-2025-0042");
    assertThat(r.tx().eventName()).isEqualTo("regnet.flag.matched");
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

    // positive control: Lagoon, a treaty member, does see the flag's treaty-wide entry
    assertThat(auditOfFlag(auditor(LAGOON)))
        .extracting(e -> e.get("action").asText())
        .containsExactly("flag.raised");
  }

  @Test
  void the_queried_hash_is_never_in_the_transaction_its_writes_or_its_event() {
    final Result r = ok(recordMatch(officer(HARBOUR), key, flagId));

    assertThat(r.tx().getArgs())
        .allSatisfy(a -> assertThat(new String(a, StandardCharsets.UTF_8)).doesNotContain(key));
    assertThat(r.tx().writes())
        .allSatisfy(
            (k, v) -> {
              assertThat(k).doesNotContain(key);
              assertThat(new String(v, StandardCharsets.UTF_8)).doesNotContain(key);
            });
    assertThat(new String(r.tx().eventPayload(), StandardCharsets.UTF_8)).doesNotContain(key);
    // the read set is in the block too: the match is checked by the flag id, not the index
    assertThat(r.tx().reads()).isNotEmpty().allSatisfy(k -> assertThat(k).doesNotContain(key));
  }

  @Test
  void a_client_that_does_not_know_the_identifier_learns_nothing_and_records_nothing() {
    final String other =
        FlagTest.lookupKey("CHAIN_ADDRESS", "eip155:1:0xdead000000000000000000000000000000000000");

    final Result r = recordMatch(officer(HARBOUR), other, flagId);

    assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(r.body()).doesNotContain("RANSOMWARE");
    assertThat(auditOfFlag(auditor(ALPINE)))
        .extracting(e -> e.get("action").asText())
        .doesNotContain("flag.matched");
  }

  @Test
  void a_retracted_flag_is_not_revealed() {
    ok(f.net.submit(investigator(ALPINE), "flag:retract", "{\"flagId\":\"" + flagId + "\"}"));

    assertThat(recordMatch(officer(HARBOUR), key, flagId).errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void non_members_and_roles_that_may_not_look_up_are_refused() {
    assertThat(recordMatch(officer(DELTA), key, flagId).errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(recordMatch(admin(HARBOUR), key, flagId).errorCode()).isEqualTo("ACCESS_DENIED");
  }
}
