package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;
import static org.regnet.chaincode.testing.Fixture.ref;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.service.PayloadService;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;
import org.regnet.chaincode.testing.TxStub;

class PayloadAccessTest {

  private final Fixture f = new Fixture();
  private String referralId;

  @BeforeEach
  void submitted() {
    f.foundTreaty();
    referralId = f.submittedReferral(f.activeAgreement());
  }

  private Result read(final Identity who, final String purpose, final String peer) {
    return f.net.submit(
        who,
        "referral:readPayload",
        "{\"referralId\":\"" + referralId + "\",\"purpose\":\"" + purpose + "\"}",
        Map.of(),
        peer);
  }

  private Result fetch(final Identity who, final String accessId, final String peer) {
    return f.net.evaluate(
        who,
        "referral:fetchPayload",
        "{\"referralId\":\"" + referralId + "\",\"accessId\":\"" + accessId + "\"}",
        Map.of(),
        peer);
  }

  @Test
  void recipient_reads_payload_on_its_own_peer_after_recorded_access() {
    final Result receipt = read(investigator(HARBOUR), "INVESTIGATION", HARBOUR);
    final JsonNode content =
        fetch(investigator(HARBOUR), receipt.json().get("accessId").asText(), HARBOUR).json();

    assertThat(receipt.json().get("accessId").asText()).isEqualTo(receipt.txId());
    assertThat(content.at("/payload/subjects/0/name").asText()).isEqualTo("Jane Trader");
    assertThat(content.at("/payload/urgency").asText()).isEqualTo("PRIORITY");
  }

  @Test
  void read_receipt_and_its_event_contain_no_payload() {
    final Result receipt = read(investigator(HARBOUR), "INVESTIGATION", HARBOUR);

    assertThat(receipt.body()).doesNotContain("Jane").doesNotContain(referralId);
    // the public event names the pair only; its details are in the pair's collection
    assertThat(receipt.tx().eventName()).isEqualTo("regnet.pair.updated");
    assertThat(new String(receipt.tx().eventPayload(), StandardCharsets.UTF_8))
        .doesNotContain("Jane")
        .doesNotContain(referralId)
        .doesNotContain("payloadAccessed");
    assertThat(
            f.net
                .evaluate(
                    investigator(HARBOUR),
                    "referral:pairEvent",
                    "{\"txId\":\"" + receipt.txId() + "\",\"counterparty\":\"" + ALPINE + "\"}",
                    Map.of(),
                    HARBOUR)
                .json()
                .get("event")
                .asText())
        .isEqualTo("regnet.referral.payloadAccessed");
  }

  @Test
  void a_peer_of_another_organisation_refuses_to_serve_the_payload() {
    final String accessId =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();

    final Result r = fetch(investigator(HARBOUR), accessId, ALPINE);

    assertThat(r.errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(r.message()).contains("peer");
  }

  @Test
  void fetch_fails_cleanly_when_the_peer_msp_is_unknown() {
    final String accessId =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();

    assertThat(fetch(investigator(HARBOUR), accessId, null).errorCode()).isEqualTo("INTERNAL");
  }

  @Test
  void recording_an_access_gives_identical_read_write_sets_on_both_parties_peers() {
    final org.regnet.chaincode.testing.TxStub.Spec spec =
        f.net.spec(
            investigator(HARBOUR),
            HARBOUR,
            "referral:readPayload",
            "{\"referralId\":\"" + referralId + "\",\"purpose\":\"INVESTIGATION\"}",
            Map.of());

    final Result onHarbour = f.net.execute(spec, HARBOUR);
    final Result onAlpine = f.net.execute(spec, ALPINE);

    assertThat(onHarbour.ok()).isTrue();
    assertThat(onHarbour.tx().rwSetDigest()).isEqualTo(onAlpine.tx().rwSetDigest());
  }

  @Test
  void fetch_without_a_recorded_access_is_refused() {
    assertThat(fetch(investigator(HARBOUR), "ab".repeat(32), HARBOUR).errorCode())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void fetch_by_another_identity_of_the_same_authority_is_refused() {
    final String accessId =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();

    assertThat(fetch(officer(HARBOUR), accessId, HARBOUR).errorCode()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void fetch_with_another_certificate_of_the_same_subject_is_refused() {
    final Identity again = Fixture.reissued(HARBOUR, "investigator");
    assertThat(again.cert().getSubjectX500Principal())
        .isEqualTo(investigator(HARBOUR).cert().getSubjectX500Principal());
    final String accessId =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();

    final Result r = fetch(again, accessId, HARBOUR);

    assertThat(r.errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(r.message()).contains("another certificate");
    // positive control: the certificate that recorded the access is served
    assertThat(fetch(investigator(HARBOUR), accessId, HARBOUR).ok()).isTrue();
  }

  @Test
  void the_access_records_the_certificate_fingerprint_not_only_the_subject() throws Exception {
    read(investigator(HARBOUR), "INVESTIGATION", HARBOUR);
    final String fingerprint =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(investigator(HARBOUR).cert().getEncoded()));

    // in the parties' pair collection, never in public state (decision 0020)
    assertThat(
            f.net.ledger().privateValues(PairStore.collection(ALPINE, HARBOUR)).values().stream()
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .filter(v -> v.contains("\"accessId\""))
                .filter(v -> v.contains(fingerprint)))
        .hasSize(1);
    assertThat(
            f.net.ledger().keys().stream()
                .map(k -> new String(f.net.ledger().state(k), StandardCharsets.UTF_8))
                .filter(v -> v.contains(fingerprint)))
        .isEmpty();
  }

  @Test
  void a_later_access_supersedes_the_earlier_one() {
    final String first =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();
    final String second =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();

    final Result r = fetch(investigator(HARBOUR), first, HARBOUR);

    assertThat(r.errorCode()).isEqualTo("INVALID_STATE");
    assertThat(r.message()).contains("superseded");
    assertThat(fetch(investigator(HARBOUR), second, HARBOUR).ok()).isTrue();
  }

  @Test
  void another_certificates_access_does_not_supersede_mine() {
    final String mine =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();
    read(Fixture.reissued(HARBOUR, "investigator"), "INVESTIGATION", HARBOUR);

    assertThat(fetch(investigator(HARBOUR), mine, HARBOUR).ok()).isTrue();
  }

  @Test
  void fetch_after_the_access_window_is_refused() {
    final String accessId =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();
    f.net.advance(PayloadService.ACCESS_WINDOW);

    final Result r = fetch(investigator(HARBOUR), accessId, HARBOUR);

    assertThat(r.errorCode()).isEqualTo("INVALID_STATE");
    assertThat(r.message()).contains("peer's time");
  }

  @Test
  void the_window_is_measured_by_the_peer_clock_not_the_proposal_timestamp() {
    final String accessId =
        read(investigator(HARBOUR), "INVESTIGATION", HARBOUR).json().get("accessId").asText();
    final TxStub.Spec inWindow =
        f.net.spec(
            investigator(HARBOUR), HARBOUR, "referral:fetchPayload", fetchArg(accessId), Map.of());
    f.net.advance(PayloadService.ACCESS_WINDOW);

    // the proposal still says "two seconds after the access"; the peer knows better
    final Result r = f.net.execute(inWindow, HARBOUR);

    assertThat(r.errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void a_post_dated_access_does_not_open_a_longer_window() {
    // the client stamps its readPayload proposal an hour ahead of the peer
    final TxStub.Spec base =
        f.net.spec(
            investigator(HARBOUR),
            HARBOUR,
            "referral:readPayload",
            "{\"referralId\":\"" + referralId + "\",\"purpose\":\"INVESTIGATION\"}",
            Map.of());
    final TxStub.Spec postDated =
        new TxStub.Spec(
            base.txId(),
            base.timestamp().plus(Duration.ofHours(1)),
            base.creator(),
            base.peerMsp(),
            base.args(),
            base.transientMap());
    final Result receipt = ok(f.net.execute(postDated, HARBOUR));
    f.net.commit(receipt);
    final String accessId = receipt.json().get("accessId").asText();

    assertThat(fetch(investigator(HARBOUR), accessId, HARBOUR).errorCode())
        .isEqualTo("INVALID_STATE");
    f.net.advance(Duration.ofHours(1).plus(PayloadService.ACCESS_WINDOW));
    assertThat(fetch(investigator(HARBOUR), accessId, HARBOUR).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  private String fetchArg(final String accessId) {
    return "{\"referralId\":\"" + referralId + "\",\"accessId\":\"" + accessId + "\"}";
  }

  @Test
  void use_outside_the_stated_purposes_needs_consent() {
    final Result r = read(investigator(HARBOUR), "ENFORCEMENT", HARBOUR);

    assertThat(r.errorCode()).isEqualTo("CONSENT_REQUIRED");
  }

  @Test
  void use_not_permitted_by_the_treaty_is_out_of_scope() {
    assertThat(read(investigator(HARBOUR), "SUPERVISION", HARBOUR).errorCode())
        .isEqualTo("OUT_OF_SCOPE");
  }

  @Test
  void third_member_and_treaty_admin_cannot_read() {
    assertThat(read(investigator(LAGOON), "INVESTIGATION", LAGOON).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(read(admin(HARBOUR), "INVESTIGATION", HARBOUR).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void both_parties_see_the_information_exchange_messages() {
    f.investigate(referralId);
    ok(
        f.net.submit(
            investigator(HARBOUR),
            "referral:requestInformation",
            ref(referralId),
            payload("{\"message\":\"Send KYC for ACC-77\"}")));
    final String accessId =
        read(officer(ALPINE), "ENFORCEMENT", ALPINE).json().get("accessId").asText();

    final JsonNode content = fetch(officer(ALPINE), accessId, ALPINE).json();

    assertThat(content.at("/exchanges/0/message/message").asText())
        .isEqualTo("Send KYC for ACC-77");
    assertThat(content.at("/exchanges/0/kind").asText()).isEqualTo("INFORMATION_REQUEST");
  }

  @Test
  void reading_appends_an_access_audit_entry() {
    read(investigator(HARBOUR), "INVESTIGATION", HARBOUR);

    final JsonNode audit =
        f.net
            .evaluate(
                Fixture.auditor(ALPINE), "audit:byObject", "{\"objectId\":\"" + referralId + "\"}")
            .json();

    assertThat(audit.get("items"))
        .extracting(e -> e.get("action").asText())
        .containsExactly("referral.submitted", "referral.payloadAccessed");
    assertThat(audit.at("/items/1/actor/msp").asText()).isEqualTo(HARBOUR);
    assertThat(audit.at("/items/1/actor/role").asText()).isEqualTo("investigator");
    assertThat(audit.at("/items/1/actor/subject").asText()).contains("CN=investigator.harbourmsp");
  }
}
