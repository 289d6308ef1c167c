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

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;

class FlagTest {

  private static final byte[] TREATY_LOOKUP_KEY =
      "members-only lookup key, off-chain".getBytes(StandardCharsets.UTF_8);
  private static final String ADDRESS = "eip155:1:0xabc0000000000000000000000000000000000001";

  private final Fixture f = new Fixture();

  @BeforeEach
  void treaty() {
    f.foundTreaty();
  }

  /**
   * What a member's client computes: HMAC of the normalised identifier with the treaty lookup key.
   */
  static String lookupKey(final String subjectType, final String normalised) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(TREATY_LOOKUP_KEY, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal((subjectType + "|" + normalised).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> tr(final String key) {
    return Map.of("lookupKey", key.getBytes(StandardCharsets.UTF_8));
  }

  private Result raise(final Identity who, final String key, final String expiresAt) {
    return f.net.submit(
        who,
        "flag:raise",
        """
        {"treatyId":"%s","subjectType":"CHAIN_ADDRESS","chainId":"eip155:1","category":"RANSOMWARE",
         "confidence":"HIGH","expiresAt":"%s","evidenceRef":"CASE-2025-0042"}"""
            .formatted(TREATY, expiresAt),
        tr(key));
  }

  private Result lookup(final Identity who, final String key) {
    return f.net.evaluate(
        who, "flag:lookup", "{\"treatyId\":\"" + TREATY + "\"}", tr(key), who.msp());
  }

  @Test
  void member_finds_a_flagged_identifier_by_its_keyed_hash() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final String flagId =
        raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z").json().get("flagId").asText();

    final JsonNode r = lookup(officer(HARBOUR), key).json();

    assertThat(r.get("flagged").asBoolean()).isTrue();
    assertThat(r.at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(r.at("/matches/0/originator").asText()).isEqualTo(ALPINE);
  }

  @Test
  void unflagged_identifier_answers_not_flagged_and_leaves_no_trace() {
    raise(investigator(ALPINE), lookupKey("CHAIN_ADDRESS", ADDRESS), "2026-01-01T00:00:00Z");
    final int committed = f.net.ledger().committed().size();

    final Result r =
        lookup(
            officer(HARBOUR),
            lookupKey("CHAIN_ADDRESS", "eip155:1:0xdead000000000000000000000000000000000000"));

    assertThat(r.json().get("flagged").asBoolean()).isFalse();
    assertThat(r.tx().writes()).isEmpty();
    assertThat(r.tx().eventName()).isNull();
    assertThat(f.net.ledger().committed()).hasSize(committed);
  }

  @Test
  void raw_identifier_and_lookup_key_never_reach_public_state_or_events() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final Result r = raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z");

    assertThat(r.body()).doesNotContain(key);
    assertThat(new String(r.tx().eventPayload(), StandardCharsets.UTF_8))
        .doesNotContain(key)
        .doesNotContain("0xabc");
    for (String k : f.net.ledger().keys()) {
      assertThat(new String(f.net.ledger().state(k), StandardCharsets.UTF_8))
          .doesNotContain("0xabc");
    }
    assertThat(r.tx().getArgs())
        .allSatisfy(a -> assertThat(new String(a, StandardCharsets.UTF_8)).doesNotContain(key));
  }

  @Test
  void retracted_and_expired_flags_are_not_returned() {
    final String key = lookupKey("LEI", "5493001KJTIIGC8Y1R12");
    final String flagId =
        raise(investigator(ALPINE), key, "2026-01-01T00:00:00Z").json().get("flagId").asText();
    raise(investigator(LAGOON), key, "2025-03-02T00:00:00Z");

    assertThat(lookup(officer(HARBOUR), key).json().get("matches")).hasSize(2);
    f.net.submit(investigator(ALPINE), "flag:retract", "{\"flagId\":\"" + flagId + "\"}").json();
    assertThat(lookup(officer(HARBOUR), key).json().get("matches")).hasSize(1);
    f.net.advance(Duration.ofDays(2));
    assertThat(lookup(officer(HARBOUR), key).json().get("flagged").asBoolean()).isFalse();
  }

  @Test
  void only_the_originator_retracts() {
    final String flagId =
        raise(
                investigator(ALPINE),
                lookupKey("ENTITY_NAME", "acme mixer ltd"),
                "2026-01-01T00:00:00Z")
            .json()
            .get("flagId")
            .asText();

    assertThat(
            f.net
                .submit(investigator(HARBOUR), "flag:retract", "{\"flagId\":\"" + flagId + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            f.net.submit(officer(ALPINE), "flag:retract", "{\"flagId\":\"" + flagId + "\"}").ok())
        .isTrue();
    assertThat(
            f.net
                .submit(officer(ALPINE), "flag:retract", "{\"flagId\":\"" + flagId + "\"}")
                .errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void non_members_cannot_raise_or_look_up() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);

    assertThat(raise(investigator(DELTA), key, "2026-01-01T00:00:00Z").errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(lookup(officer(DELTA), key).errorCode()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void treaty_admin_cannot_raise_but_auditor_may_look_up() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);

    assertThat(raise(admin(ALPINE), key, "2026-01-01T00:00:00Z").errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(lookup(auditor(HARBOUR), key).ok()).isTrue();
  }

  @Test
  void lookup_key_must_be_a_keyed_hash_not_a_raw_identifier() {
    final Result r = raise(investigator(ALPINE), ADDRESS, "2026-01-01T00:00:00Z");

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("transient.lookupKey");
  }

  @Test
  void refuses_a_market_abuse_category_and_a_past_expiry() {
    final String key = lookupKey("CHAIN_ADDRESS", ADDRESS);
    final Result wrongCategory =
        f.net.submit(
            investigator(ALPINE),
            "flag:raise",
            """
        {"treatyId":"%s","subjectType":"LEI","category":"SPOOFING","confidence":"LOW",
         "expiresAt":"2026-01-01T00:00:00Z","evidenceRef":"X"}"""
                .formatted(TREATY),
            tr(key));

    assertThat(wrongCategory.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(raise(investigator(ALPINE), key, "2024-01-01T00:00:00Z").errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }
}
