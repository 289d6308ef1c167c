package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.ref;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

class ConsentTest {

  private final Fixture f = new Fixture();
  private String referralId;

  @BeforeEach
  void submitted() {
    f.foundTreaty();
    referralId = f.submittedReferral(f.activeAgreement());
  }

  private Result requestConsent(final String recipient, final String use) {
    return f.net.submit(
        officer(HARBOUR),
        "referral:requestConsent",
        "{\"referralId\":\""
            + referralId
            + "\",\"recipient\":\""
            + recipient
            + "\",\"use\":\""
            + use
            + "\"}");
  }

  private String consentId(final Result r) {
    final JsonNode consents = r.json().get("consents");
    return consents.get(consents.size() - 1).get("consentId").asText();
  }

  private Result consentCall(final String fn, final String msp, final String consentId) {
    return f.net.submit(
        officer(msp),
        fn,
        "{\"referralId\":\"" + referralId + "\",\"consentId\":\"" + consentId + "\"}",
        Fixture.payload(Fixture.PAYLOAD));
  }

  @Test
  void onward_share_needs_the_originators_consent_first() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));

    final Result early = consentCall("referral:shareOnward", HARBOUR, consentId);

    assertThat(early.errorCode()).isEqualTo("CONSENT_REQUIRED");
    assertThat(consentCall("referral:deliverOnward", HARBOUR, consentId).errorCode())
        .isEqualTo("CONSENT_REQUIRED");
    assertThat(
            f.net
                .ledger()
                .privateData(
                    PairStore.collection(HARBOUR, LAGOON),
                    new CompositeKey("referral~payload", referralId).toString()))
        .isNull();
  }

  @Test
  void the_payload_is_delivered_only_after_the_share_is_recorded() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));
    ok(consentCall("referral:grantConsent", ALPINE, consentId));

    assertThat(consentCall("referral:deliverOnward", HARBOUR, consentId).errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(consentCall("referral:deliverOnward", ALPINE, consentId).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void after_consent_the_third_member_receives_the_payload_for_the_consented_use_only() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));
    ok(consentCall("referral:grantConsent", ALPINE, consentId));

    final Result shared = ok(consentCall("referral:shareOnward", HARBOUR, consentId));

    assertThat(shared.json().at("/onwardShares/0/recipient").asText()).isEqualTo(LAGOON);
    assertThat(shared.tx().eventName()).isEqualTo("regnet.pair.updated");
    // the share is recorded in the parties' collection only; the third member's gets nothing yet
    assertThat(shared.tx().privateWrites()).containsOnlyKeys(PairStore.collection(ALPINE, HARBOUR));
    final String ref =
        "{\"referralId\":\"" + referralId + "\",\"consentId\":\"" + consentId + "\"}";
    // endorsed by the two peers of the sharer's pair with the third member, and no other
    final Result delivered =
        f.net.submitEndorsedBy(
            officer(HARBOUR),
            "referral:deliverOnward",
            ref,
            Fixture.payload(Fixture.PAYLOAD),
            HARBOUR,
            LAGOON);
    assertThat(delivered.ok()).as(delivered.message()).isTrue();
    assertThat(delivered.tx().writes()).isEmpty();
    assertThat(delivered.tx().privateWrites())
        .containsOnlyKeys(PairStore.collection(HARBOUR, LAGOON));
    assertThat(
            f.net
                .ledger()
                .privateData(
                    PairStore.collection(HARBOUR, LAGOON),
                    new CompositeKey("referral~payload", referralId).toString()))
        .isNotNull();
    final String read = "{\"referralId\":\"" + referralId + "\",\"purpose\":\"%s\"}";
    assertThat(
            f.net
                .submit(
                    investigator(LAGOON),
                    "referral:readPayload",
                    read.formatted("ENFORCEMENT"),
                    Map.of(),
                    LAGOON)
                .ok())
        .isTrue();
    assertThat(
            f.net
                .submit(
                    investigator(LAGOON),
                    "referral:readPayload",
                    read.formatted("INVESTIGATION"),
                    Map.of(),
                    LAGOON)
                .errorCode())
        .isEqualTo("CONSENT_REQUIRED");
    assertThat(f.net.evaluate(officer(LAGOON), "referral:get", ref(referralId)).ok()).isTrue();
  }

  @Test
  void only_the_originator_grants_consent() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));

    assertThat(consentCall("referral:grantConsent", HARBOUR, consentId).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(consentCall("referral:grantConsent", LAGOON, consentId).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void only_the_recipient_requests_consent() {
    final Result r =
        f.net.submit(
            officer(ALPINE),
            "referral:requestConsent",
            "{\"referralId\":\""
                + referralId
                + "\",\"recipient\":\""
                + LAGOON
                + "\",\"use\":\"ENFORCEMENT\"}");

    assertThat(r.errorCode()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void consent_for_the_recipients_own_other_use_allows_that_use() {
    final String consentId = consentId(requestConsent(HARBOUR, "ENFORCEMENT"));
    ok(consentCall("referral:grantConsent", ALPINE, consentId));

    final Result read =
        f.net.submit(
            investigator(HARBOUR),
            "referral:readPayload",
            "{\"referralId\":\"" + referralId + "\",\"purpose\":\"ENFORCEMENT\"}",
            Map.of(),
            HARBOUR);

    assertThat(read.ok()).isTrue();
    assertThat(consentCall("referral:shareOnward", HARBOUR, consentId).errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void duplicate_consent_request_is_a_conflict_and_double_grant_invalid() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));
    ok(consentCall("referral:grantConsent", ALPINE, consentId));

    assertThat(requestConsent(LAGOON, "ENFORCEMENT").errorCode()).isEqualTo("CONFLICT");
    assertThat(consentCall("referral:grantConsent", ALPINE, consentId).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void onward_share_to_a_non_member_is_refused() {
    assertThat(requestConsent(Fixture.DELTA, "ENFORCEMENT").errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void onward_share_refuses_a_payload_that_does_not_match_the_public_hash() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));
    ok(consentCall("referral:grantConsent", ALPINE, consentId));
    ok(consentCall("referral:shareOnward", HARBOUR, consentId));

    final Result r =
        f.net.submit(
            officer(HARBOUR),
            "referral:deliverOnward",
            "{\"referralId\":\"" + referralId + "\",\"consentId\":\"" + consentId + "\"}",
            Fixture.payload(Fixture.PAYLOAD.replace("Jane Trader", "John Doe")));

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("payloadHash");
  }

  @Test
  void onward_delivery_gives_identical_read_write_sets_on_the_sharers_and_third_peers() {
    final String consentId = consentId(requestConsent(LAGOON, "ENFORCEMENT"));
    ok(consentCall("referral:grantConsent", ALPINE, consentId));
    ok(consentCall("referral:shareOnward", HARBOUR, consentId));
    final org.regnet.chaincode.testing.TxStub.Spec spec =
        f.net.spec(
            officer(HARBOUR),
            HARBOUR,
            "referral:deliverOnward",
            "{\"referralId\":\"" + referralId + "\",\"consentId\":\"" + consentId + "\"}",
            Fixture.payload(Fixture.PAYLOAD));

    final Result onHarbour = f.net.execute(spec, HARBOUR);
    final Result onLagoon = f.net.execute(spec, LAGOON);

    assertThat(onHarbour.ok()).isTrue();
    assertThat(onHarbour.tx().rwSetDigest()).isEqualTo(onLagoon.tx().rwSetDigest());
  }
}
