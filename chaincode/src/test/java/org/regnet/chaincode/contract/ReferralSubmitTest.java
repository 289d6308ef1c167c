package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.PAYLOAD;
import static org.regnet.chaincode.testing.Fixture.SALT;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.payload;
import static org.regnet.chaincode.testing.Fixture.submitRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;
import org.regnet.chaincode.testing.TxStub;

class ReferralSubmitTest {

  private final Fixture f = new Fixture();
  private String agreementId;

  @BeforeEach
  void agreement() {
    f.foundTreaty();
    agreementId = f.activeAgreement();
  }

  private Result submit(final String request) {
    return f.net.submit(officer(ALPINE), "referral:submit", request, payload(PAYLOAD));
  }

  @Test
  void commits_only_when_both_parties_peers_endorse_as_the_pair_collection_requires() {
    final String request = submitRequest(agreementId);
    assertThatThrownBy(
            () ->
                f.net.submitEndorsedBy(
                    officer(ALPINE), "referral:submit", request, payload(PAYLOAD), ALPINE, LAGOON))
        .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE")
        .hasMessageContaining(PairStore.collection(ALPINE, HARBOUR));
    final Result ok =
        f.net.submitEndorsedBy(
            officer(ALPINE), "referral:submit", request, payload(PAYLOAD), ALPINE, HARBOUR);
    assertThat(ok.ok()).as(ok.message()).isTrue();
  }

  @Test
  void payload_goes_only_to_the_pairs_collection() {
    final Result r = submit(submitRequest(agreementId));
    final String id = r.json().get("referralId").asText();
    final String key = new CompositeKey("referral~payload", id).toString();

    assertThat(f.net.ledger().privateData(PairStore.collection(ALPINE, HARBOUR), key)).isNotNull();
    assertThat(r.tx().privateWrites()).containsOnlyKeys(PairStore.collection(ALPINE, HARBOUR));
    for (String k : f.net.ledger().keys()) {
      assertThat(new String(f.net.ledger().state(k), StandardCharsets.UTF_8))
          .doesNotContain("Jane Trader");
    }
  }

  @Test
  void payload_hash_is_the_salted_hash_of_the_canonical_payload() throws Exception {
    final JsonNode r = submit(submitRequest(agreementId)).json();
    final Result receipt =
        f.net.submit(
            officer(ALPINE),
            "referral:readPayload",
            "{\"referralId\":\""
                + r.get("referralId").asText()
                + "\",\"purpose\":\"INVESTIGATION\"}");
    final JsonNode content =
        f.net
            .evaluate(
                officer(ALPINE),
                "referral:fetchPayload",
                "{\"referralId\":\""
                    + r.get("referralId").asText()
                    + "\",\"accessId\":\""
                    + receipt.json().get("accessId").asText()
                    + "\"}",
                Map.of(),
                ALPINE)
            .json();

    final byte[] canonical = new ObjectMapper().writeValueAsBytes(content.get("payload"));
    final MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(SALT);
    md.update(canonical);
    assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(r.get("payloadHash").asText());
  }

  @Test
  void refuses_instrument_class_outside_agreement_scope() {
    final Result r = submit(submitRequest(agreementId).replace("PERPETUAL_FUTURE", "SWAP"));

    assertThat(r.errorCode()).isEqualTo("OUT_OF_SCOPE");
    assertThat(r.message()).contains("instrumentClass");
  }

  @Test
  void crypto_subclass_is_covered_by_its_cfi_class_in_scope() {
    assertThat(submit(submitRequest(agreementId).replace("PERPETUAL_FUTURE", "DATED_FUTURE")).ok())
        .isTrue();
    assertThat(
            submit(submitRequest(agreementId).replace("PERPETUAL_FUTURE", "LISTED_OPTION"))
                .errorCode())
        .isEqualTo("OUT_OF_SCOPE");
  }

  @Test
  void refuses_data_class_outside_agreement_scope() {
    final Result r =
        submit(
            submitRequest(agreementId)
                .replace("[\"TRADE_DATA\"]", "[\"TRADE_DATA\",\"ORDER_BOOK_DATA\"]"));

    assertThat(r.errorCode()).isEqualTo("OUT_OF_SCOPE");
    assertThat(r.message()).contains("dataClasses[1]");
  }

  @Test
  void refuses_purpose_outside_agreement_scope() {
    final Result r =
        submit(submitRequest(agreementId).replace("INVESTIGATION", "MARKET_SURVEILLANCE"));

    assertThat(r.errorCode()).isEqualTo("OUT_OF_SCOPE");
    assertThat(r.message()).contains("purposes[0]");
  }

  @Test
  void refuses_illicit_activity_typology_for_a_referral() {
    assertThat(submit(submitRequest(agreementId).replace("SPOOFING", "RANSOMWARE")).errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void refuses_submission_under_a_proposed_suspended_or_expired_agreement() {
    final String proposed =
        f.net
            .submit(admin(ALPINE), "agreement:propose", Fixture.agreementRequest(HARBOUR))
            .json()
            .get("agreementId")
            .asText();
    assertThat(submit(submitRequest(proposed)).errorCode()).isEqualTo("INVALID_STATE");

    f.net.submit(admin(HARBOUR), "agreement:suspend", "{\"agreementId\":\"" + agreementId + "\"}");
    assertThat(submit(submitRequest(agreementId)).errorCode()).isEqualTo("INVALID_STATE");

    final String other = f.activeAgreement();
    f.net.advance(Duration.ofDays(400));
    assertThat(submit(submitRequest(other)).errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void refuses_submission_by_a_member_not_party_to_the_agreement() {
    assertThat(
            f.net
                .submit(
                    officer(LAGOON),
                    "referral:submit",
                    submitRequest(agreementId),
                    payload(PAYLOAD))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void refuses_submission_by_an_investigator() {
    assertThat(
            f.net
                .submit(
                    investigator(ALPINE),
                    "referral:submit",
                    submitRequest(agreementId),
                    payload(PAYLOAD))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void refuses_payload_missing_mmou_content() {
    for (String field :
        new String[] {"facts", "assistanceSought", "provisionsBreached", "urgency"}) {
      final String json = PAYLOAD.replaceFirst("\"" + field + "\":", "\"x_" + field + "\":");
      final Result r =
          f.net.submit(
              officer(ALPINE), "referral:submit", submitRequest(agreementId), payload(json));
      assertThat(r.errorCode()).as(field).isEqualTo("VALIDATION_FAILED");
    }
    final Result r =
        f.net.submit(
            officer(ALPINE),
            "referral:submit",
            submitRequest(agreementId),
            payload(
                "{\"facts\":\"f\",\"assistanceSought\":\"a\",\"provisionsBreached\":[\"p\"],\"urgency\":\"URGENT\"}"));
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("persons or accounts");
  }

  @Test
  void refuses_payload_in_arguments_instead_of_transient_map() {
    final Result r =
        f.net.submit(officer(ALPINE), "referral:submit", submitRequest(agreementId), Map.of());

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("transient.payload");
  }

  @Test
  void refuses_short_salt() {
    final Result r =
        f.net.submit(
            officer(ALPINE),
            "referral:submit",
            submitRequest(agreementId),
            Map.of("payload", PAYLOAD.getBytes(StandardCharsets.UTF_8), "salt", new byte[8]));

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("transient.salt");
  }

  @Test
  void the_public_event_names_only_the_pair_and_its_details_are_for_the_pair_alone() {
    final Result r = submit(submitRequest(agreementId));
    final String id = r.json().get("referralId").asText();
    final String event = new String(r.tx().eventPayload(), StandardCharsets.UTF_8);

    assertThat(r.tx().eventsSet()).isEqualTo(1);
    assertThat(r.tx().eventName()).isEqualTo("regnet.pair.updated");
    assertThat(event)
        .contains(ALPINE, HARBOUR, r.txId())
        .doesNotContain(id, "SUBMITTED", "SPOOFING", "Jane", "ACC-77", "0xAbC", "Layered");
    final String ask = "{\"txId\":\"" + r.txId() + "\",\"counterparty\":\"%s\"}";
    final JsonNode details =
        f.net
            .evaluate(
                officer(HARBOUR), "referral:pairEvent", ask.formatted(ALPINE), Map.of(), HARBOUR)
            .json();
    assertThat(details.get("event").asText()).isEqualTo("regnet.referral.submitted");
    assertThat(details.get("objectId").asText()).isEqualTo(id);
    assertThat(details.get("status").asText()).isEqualTo("SUBMITTED");
    // a third member has no such pair event, and cannot read the pair's
    assertThat(
            f.net
                .evaluate(
                    officer(LAGOON), "referral:pairEvent", ask.formatted(ALPINE), Map.of(), LAGOON)
                .errorCode())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void a_member_reads_several_pair_events_in_one_ask_and_an_unknown_id_answers_null() {
    final Result first = submit(submitRequest(agreementId));
    final Result second = submit(submitRequest(agreementId));
    final String unknown = "0".repeat(64);
    final String ask =
        "{\"txIds\":[\"%s\",\"%s\",\"%s\"],\"counterparty\":\"%s\""
                .formatted(first.txId(), second.txId(), unknown, "%s")
            + "}";

    final JsonNode events =
        f.net
            .evaluate(
                officer(HARBOUR), "referral:pairEvent", ask.formatted(ALPINE), Map.of(), HARBOUR)
            .json()
            .get("events");
    assertThat(events.get(first.txId()).get("objectId").asText())
        .isEqualTo(first.json().get("referralId").asText());
    assertThat(events.get(second.txId()).get("objectId").asText())
        .isEqualTo(second.json().get("referralId").asText());
    assertThat(events.path(unknown).isMissingNode() || events.get(unknown).isNull()).isTrue();
    // a third member finds none of the pair's events
    final JsonNode lagoon =
        f.net
            .evaluate(
                officer(LAGOON), "referral:pairEvent", ask.formatted(ALPINE), Map.of(), LAGOON)
            .json()
            .get("events");
    assertThat(lagoon.path(first.txId()).isMissingNode() || lagoon.get(first.txId()).isNull())
        .isTrue();
  }

  @Test
  void refuses_a_pair_event_ask_with_both_one_id_and_several() {
    final String ask =
        "{\"txId\":\"%s\",\"txIds\":[\"%s\"],\"counterparty\":\"%s\"}"
            .formatted("a".repeat(64), "b".repeat(64), ALPINE);

    final Result r = f.net.evaluate(officer(HARBOUR), "referral:pairEvent", ask, Map.of(), HARBOUR);

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("txId");
  }

  @Test
  void public_state_holds_neither_the_referral_id_nor_its_facts() {
    final Result r = submit(submitRequest(agreementId));
    final String id = r.json().get("referralId").asText();

    for (String k : f.net.ledger().keys()) {
      assertThat(k + new String(f.net.ledger().state(k), StandardCharsets.UTF_8))
          .as(k.replace('\u0000', '|'))
          .doesNotContain(id, "SPOOFING", "PERPETUAL_FUTURE", "SUBMITTED");
    }
    assertThat(
            f.net.ledger().privateValues(PairStore.collection(ALPINE, HARBOUR)).values().stream()
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .filter(v -> v.contains(id) && v.contains("SPOOFING")))
        .isNotEmpty();
  }

  @Test
  void both_parties_peers_endorse_identical_read_write_sets() {
    final TxStub.Spec spec =
        f.net.spec(
            officer(ALPINE),
            ALPINE,
            "referral:submit",
            submitRequest(agreementId),
            payload(PAYLOAD));

    final Result onAlpine = f.net.execute(spec, ALPINE);
    final Result onHarbour = f.net.execute(spec, HARBOUR);

    assertThat(onAlpine.ok()).isTrue();
    assertThat(onHarbour.ok()).isTrue();
    assertThat(onAlpine.tx().rwSetDigest()).isEqualTo(onHarbour.tx().rwSetDigest());
    assertThat(onAlpine.body()).isEqualTo(onHarbour.body());
  }

  @Test
  void same_inputs_give_identical_results_on_repeated_simulation() {
    final TxStub.Spec spec =
        f.net.spec(
            officer(ALPINE),
            ALPINE,
            "referral:submit",
            submitRequest(agreementId),
            payload(PAYLOAD));

    final String first = f.net.execute(spec, ALPINE).tx().rwSetDigest();
    for (int i = 0; i < 5; i++) {
      assertThat(f.net.execute(spec, ALPINE).tx().rwSetDigest()).isEqualTo(first);
    }
  }
}
