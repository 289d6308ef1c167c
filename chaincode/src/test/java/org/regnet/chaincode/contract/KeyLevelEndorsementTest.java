package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.ref;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.FlagFixture;
import org.regnet.chaincode.testing.KeyPolicy;
import org.regnet.chaincode.testing.TestNetwork.Result;
import org.regnet.chaincode.testing.TxStub;

/**
 * Every key that belongs to particular members carries a key-level policy naming their peers, so a
 * write endorsed by anyone else is invalid at commit whatever the chaincode-level policy allows.
 */
class KeyLevelEndorsementTest {

  private final Fixture f = new Fixture();

  private static String key(final String type, final String... attrs) {
    return new CompositeKey(type, attrs).toString();
  }

  private String policy(final String key) {
    final byte[] p = f.net.ledger().validationParameter(key);
    return p == null ? null : KeyPolicy.describe(p);
  }

  private void fourMembers() {
    ok(
        f.net.submit(
            admin(ALPINE),
            "treaty:found",
            Fixture.foundingRequest(ALPINE, HARBOUR, LAGOON, DELTA)));
  }

  private String privatePolicy(final String key) {
    final byte[] p =
        f.net.ledger().privateValidationParameter(PairStore.collection(ALPINE, HARBOUR), key);
    return p == null ? null : KeyPolicy.describe(p);
  }

  private static String locatorKey(final String referralId) throws Exception {
    return key(
        "referral~loc",
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(referralId.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void referral_agreement_and_their_indexes_belong_to_both_parties() throws Exception {
    f.foundTreaty();
    final String agreementId = f.activeAgreement();
    final String referralId = f.submittedReferral(agreementId);
    final String both = "2 of [AlpineMSP.PEER, HarbourMSP.PEER]";
    // the record and its indexes are in the pair's collection (decision 0020), the locator public
    assertThat(privatePolicy(key("referral", referralId))).isEqualTo(both);
    assertThat(policy(locatorKey(referralId))).isEqualTo(both);
    assertThat(f.net.ledger().state(key("referral", referralId))).isNull();
    assertThat(policy(key("agreement", agreementId))).isEqualTo(both);
    final List<String> indexes =
        f.net.ledger().privateValues(PairStore.collection(ALPINE, HARBOUR)).keySet().stream()
            .filter(
                k ->
                    k.contains(referralId)
                        && (k.contains("referral~in") || k.contains("referral~out")))
            .toList();
    assertThat(indexes).hasSize(2);
    indexes.forEach(k -> assertThat(privatePolicy(k)).isEqualTo(both));
    assertThat(f.net.ledger().keys()).noneMatch(k -> k.contains(referralId));
    final List<String> audit =
        f.net.ledger().privateValues(PairStore.collection(ALPINE, HARBOUR)).keySet().stream()
            .filter(k -> k.startsWith("audit~"))
            .toList();
    assertThat(audit).isNotEmpty().allSatisfy(k -> assertThat(privatePolicy(k)).isEqualTo(both));
  }

  @Test
  void private_payload_keys_carry_the_pair_policy() {
    f.foundTreaty();
    final String referralId = f.submittedReferral(f.activeAgreement());
    final byte[] p =
        f.net
            .ledger()
            .privateValidationParameter(
                PairStore.collection(ALPINE, HARBOUR), key("referral~payload", referralId));
    assertThat(p).isNotNull();
    assertThat(KeyPolicy.describe(p)).isEqualTo("2 of [AlpineMSP.PEER, HarbourMSP.PEER]");
  }

  @Test
  void treaty_records_need_a_majority_and_a_flags_copy_its_pair() {
    fourMembers();
    assertThat(policy(key("treaty", TREATY)))
        .isEqualTo("3 of [AlpineMSP.PEER, DeltaMSP.PEER, HarbourMSP.PEER, LagoonMSP.PEER]");
    ok(
        new FlagFixture(f.net)
            .raiseFor(
                officer(LAGOON),
                DELTA,
                "ab".repeat(32),
                "2026-01-01T00:00:00Z",
                "key-level-flag-key-1"));
    final String flagId = FlagFixture.flagId(LAGOON, "key-level-flag-key-1");
    assertThat(policy(key("flag", flagId))).isNull();
    final byte[] p =
        f.net
            .ledger()
            .privateValidationParameter(PairStore.collection(LAGOON, DELTA), key("flag", flagId));
    assertThat(KeyPolicy.describe(p)).isEqualTo("2 of [DeltaMSP.PEER, LagoonMSP.PEER]");
  }

  @Test
  void status_change_endorsed_by_two_non_parties_is_invalid_and_changes_nothing() {
    fourMembers();
    final String agreementId =
        ok(f.net.submit(admin(ALPINE), "agreement:propose", Fixture.agreementRequest(HARBOUR)))
            .json()
            .get("agreementId")
            .asText();
    ok(f.net.submit(admin(HARBOUR), "agreement:sign", "{\"agreementId\":\"" + agreementId + "\"}"));
    final String referralId = f.submittedReferral(agreementId);
    final String referralKey = key("referral", referralId);
    final String pair = PairStore.collection(ALPINE, HARBOUR);
    final byte[] before = f.net.ledger().privateData(pair, referralKey);

    // what a modified chaincode on Lagoon's and Delta's peers would endorse: the status rewritten
    final TxStub forged =
        f.net
            .ledger()
            .begin(
                f.net.spec(
                    officer(LAGOON), LAGOON, "referral:acknowledge", ref(referralId), Map.of()));
    forged.putPrivateData(
        pair,
        referralKey,
        new String(before, StandardCharsets.UTF_8)
            .replace("\"SUBMITTED\"", "\"CLOSED\"")
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> f.net.ledger().commit(forged, Set.of(LAGOON, DELTA)))
        .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE");
    assertThat(f.net.ledger().privateData(pair, referralKey)).isEqualTo(before);

    // the parties' own peers can: the honest transition endorsed by both commits
    final Result ack =
        f.net.submitEndorsedBy(
            officer(HARBOUR), "referral:acknowledge", ref(referralId), Map.of(), ALPINE, HARBOUR);
    assertThat(ack.ok()).as(ack.message()).isTrue();
    assertThat(ack.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
  }

  @Test
  void the_recipient_alone_cannot_move_a_referral() {
    f.foundTreaty();
    final String referralId = f.submittedReferral(f.activeAgreement());
    final TxStub.Spec spec =
        f.net.spec(officer(HARBOUR), HARBOUR, "referral:acknowledge", ref(referralId), Map.of());

    // a third member's peer holds no record, so it cannot even endorse ...
    assertThat(f.net.execute(spec, LAGOON).ok()).isFalse();
    // ... and the recipient's endorsement alone is invalid at commit
    final Result onHarbour = f.net.execute(spec, HARBOUR);
    assertThat(onHarbour.ok()).isTrue();
    assertThatThrownBy(() -> f.net.ledger().commit(onHarbour.tx(), Set.of(HARBOUR)))
        .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE");
  }
}
