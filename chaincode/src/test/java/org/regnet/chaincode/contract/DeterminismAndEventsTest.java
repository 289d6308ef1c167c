package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;
import static org.regnet.chaincode.testing.Fixture.ref;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.FlagFixture;
import org.regnet.chaincode.testing.InMemoryLedger;

class DeterminismAndEventsTest {

  /** A scenario touching every area; returns the fixture after it. */
  private static Fixture scenario() {
    final Fixture f = new Fixture();
    f.foundTreaty();
    final String referralId = f.submittedReferral(f.activeAgreement());
    f.investigate(referralId);
    ok(
        f.net.submit(
            investigator(HARBOUR),
            "referral:requestInformation",
            ref(referralId),
            payload("{\"message\":\"Need the KYC of ACC-77\"}")));
    ok(
        f.net.submit(
            officer(ALPINE),
            "referral:provideInformation",
            ref(referralId),
            payload("{\"message\":\"KYC of ACC-77 attached\"}")));
    final String consentId =
        ok(f.net.submit(
                officer(HARBOUR),
                "referral:requestConsent",
                "{\"referralId\":\""
                    + referralId
                    + "\",\"recipient\":\""
                    + LAGOON
                    + "\",\"use\":\"ENFORCEMENT\"}"))
            .json()
            .at("/consents/0/consentId")
            .asText();
    final String consentRef =
        "{\"referralId\":\"" + referralId + "\",\"consentId\":\"" + consentId + "\"}";
    ok(f.net.submit(officer(ALPINE), "referral:grantConsent", consentRef));
    ok(
        f.net.submit(
            officer(HARBOUR), "referral:shareOnward", consentRef, payload(Fixture.PAYLOAD)));
    ok(
        f.net.submit(
            officer(HARBOUR), "referral:deliverOnward", consentRef, payload(Fixture.PAYLOAD)));
    ok(
        f.net.submit(
            Fixture.investigator(LAGOON),
            "referral:readPayload",
            "{\"referralId\":\"" + referralId + "\",\"purpose\":\"ENFORCEMENT\"}",
            Map.of(),
            LAGOON));
    ok(
        new FlagFixture(f.net)
            .raiseFor(
                Fixture.investigator(ALPINE),
                HARBOUR,
                "cd".repeat(32),
                "2026-01-01T00:00:00Z",
                "determinism-flag-key-1"));
    ok(
        f.net.submit(
            officer(HARBOUR),
            "referral:close",
            "{\"referralId\":\"" + referralId + "\",\"outcome\":\"SANCTION_IMPOSED\"}"));
    return f;
  }

  private static String worldState(final InMemoryLedger ledger) {
    final StringBuilder sb = new StringBuilder();
    for (String k : ledger.keys()) {
      sb.append(k.replace('\u0000', '|'))
          .append('=')
          .append(HexFormat.of().formatHex(ledger.state(k)))
          .append('\n');
    }
    return sb.toString();
  }

  private static List<String> events(final InMemoryLedger ledger) {
    final List<String> out = new ArrayList<>();
    for (InMemoryLedger.Committed c : ledger.committed()) {
      out.add(
          c.eventName()
              + " "
              + (c.eventPayload() == null
                  ? ""
                  : new String(c.eventPayload(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void the_same_transactions_produce_the_same_world_state_and_events() {
    final Fixture first = scenario();
    final Fixture second = scenario();

    assertThat(worldState(second.net.ledger())).isEqualTo(worldState(first.net.ledger()));
    assertThat(events(second.net.ledger())).isEqualTo(events(first.net.ledger()));
  }

  @Test
  void every_committed_transaction_has_exactly_one_event_and_none_carries_confidential_data() {
    final Fixture f = scenario();

    assertThat(f.net.ledger().committed())
        .allSatisfy(c -> assertThat(c.eventName()).startsWith("regnet."));
    assertThat(events(f.net.ledger()))
        .allSatisfy(
            e ->
                assertThat(e)
                    .doesNotContain(
                        "Jane",
                        "ACC-77",
                        "KYC",
                        "0xAbC",
                        "Layered",
                        "cdcdcdcd",
                        "CASE-9",
                        "CASE-2025-0042",
                        "RANSOMWARE")
                    // nor the referral's id, typology or status (decision 0020)
                    .doesNotContain("REF-", "SPOOFING", "UNDER_INVESTIGATION", "CLOSED"));
  }

  @Test
  void public_state_never_holds_confidential_content() {
    final Fixture f = scenario();

    for (String k : f.net.ledger().keys()) {
      assertThat(new String(f.net.ledger().state(k), StandardCharsets.UTF_8))
          .as(k.replace('\u0000', '|'))
          .doesNotContain("Jane", "ACC-77", "KYC", "0xAbC", "Layered")
          .doesNotContain("REF-", "SPOOFING", "PERPETUAL_FUTURE", "SANCTION_IMPOSED");
      assertThat(k).doesNotContain("REF-");
    }
  }
}
