package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.officer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

class TreatyTest {

  private final Fixture f = new Fixture();

  private Result propose(
      final String proposerMsp, final String kind, final String msp, final String jurisdiction) {
    final String j = jurisdiction == null ? "" : ",\"jurisdiction\":\"" + jurisdiction + "\"";
    return f.net.submit(
        admin(proposerMsp),
        "treaty:proposeMembershipChange",
        "{\"treatyId\":\""
            + TREATY
            + "\",\"kind\":\""
            + kind
            + "\",\"msp\":\""
            + msp
            + "\""
            + j
            + "}");
  }

  private Result approve(final String msp, final String changeId) {
    return f.net.submit(
        admin(msp),
        "treaty:approveMembershipChange",
        "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}");
  }

  private JsonNode treaty(final String msp) {
    return f.net.evaluate(admin(msp), "treaty:get", "{\"treatyId\":\"" + TREATY + "\"}").json();
  }

  @Test
  void founder_treaty_admin_founds_treaty_with_all_founding_members_active() {
    final JsonNode t = f.foundTreaty();

    assertThat(t.get("treatyId").asText()).isEqualTo(TREATY);
    assertThat(t.get("foundedBy").asText()).isEqualTo(ALPINE);
    assertThat(t.get("members"))
        .extracting(m -> m.get("msp").asText() + ":" + m.get("status").asText())
        .containsExactly("AlpineMSP:ACTIVE", "HarbourMSP:ACTIVE", "LagoonMSP:ACTIVE");
    assertThat(t.at("/terms/onwardSharingRequiresConsent").asBoolean()).isTrue();
  }

  @Test
  void founding_emits_one_event_without_terms_data() {
    final Result r =
        f.net.submit(admin(ALPINE), "treaty:found", Fixture.foundingRequest(ALPINE, HARBOUR));

    assertThat(r.tx().eventsSet()).isEqualTo(1);
    assertThat(r.tx().eventName()).isEqualTo("regnet.treaty.founded");
    assertThat(new String(r.tx().eventPayload()))
        .contains("\"objectId\":\"" + TREATY + "\"")
        .doesNotContain("refusalGrounds");
  }

  @Test
  void refuses_founding_by_a_non_admin_role() {
    final Result r =
        f.net.submit(officer(ALPINE), "treaty:found", Fixture.foundingRequest(ALPINE, HARBOUR));

    assertThat(r.errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(f.net.ledger().keys()).isEmpty();
  }

  @Test
  void refuses_founding_when_founder_is_not_a_founding_member() {
    final Result r =
        f.net.submit(admin(DELTA), "treaty:found", Fixture.foundingRequest(ALPINE, HARBOUR));

    assertThat(r.errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(r.message()).contains("members");
  }

  @Test
  void refuses_founding_the_same_treaty_id_twice() {
    f.foundTreaty();

    final Result r =
        f.net.submit(admin(ALPINE), "treaty:found", Fixture.foundingRequest(ALPINE, HARBOUR));

    assertThat(r.errorCode()).isEqualTo("CONFLICT");
  }

  @Test
  void refuses_a_certificate_without_role_attribute() {
    final Result r =
        f.net.submit(
            Fixture.id(ALPINE, "none"), "treaty:found", Fixture.foundingRequest(ALPINE, HARBOUR));

    assertThat(r.errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(r.message()).contains("role");
  }

  @Test
  void admission_applies_only_when_more_than_half_of_active_members_approved() {
    f.foundTreaty();
    final Result proposed = propose(ALPINE, "ADMIT", DELTA, "DE");
    final String changeId = proposed.json().get("changeId").asText();

    assertThat(proposed.json().get("status").asText()).isEqualTo("PENDING");
    assertThat(proposed.json().get("requiredApprovals").asInt()).isEqualTo(2);
    assertThat(treaty(ALPINE).get("members")).hasSize(3);

    final Result second = approve(HARBOUR, changeId);

    assertThat(second.json().get("status").asText()).isEqualTo("APPLIED");
    assertThat(second.tx().eventName()).isEqualTo("regnet.treaty.membershipApplied");
    assertThat(treaty(ALPINE).get("members"))
        .extracting(m -> m.get("msp").asText())
        .containsExactly(ALPINE, DELTA, HARBOUR, LAGOON);
  }

  @Test
  void approval_by_the_same_member_twice_is_a_conflict() {
    f.foundTreaty();
    final String changeId = propose(ALPINE, "ADMIT", DELTA, "DE").json().get("changeId").asText();

    assertThat(approve(ALPINE, changeId).errorCode()).isEqualTo("CONFLICT");
  }

  @Test
  void non_member_cannot_approve_membership_change() {
    f.foundTreaty();
    final String changeId = propose(ALPINE, "ADMIT", DELTA, "DE").json().get("changeId").asText();

    assertThat(approve(DELTA, changeId).errorCode()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void suspended_member_cannot_propose_and_quorum_counts_active_members_only() {
    f.net
        .submit(
            admin(ALPINE), "treaty:found", Fixture.foundingRequest(ALPINE, HARBOUR, LAGOON, DELTA))
        .json();
    final String suspend = propose(ALPINE, "SUSPEND", DELTA, null).json().get("changeId").asText();
    assertThat(approve(HARBOUR, suspend).json().get("status").asText())
        .isEqualTo("PENDING"); // 2 of 4
    assertThat(approve(LAGOON, suspend).json().get("status").asText())
        .isEqualTo("APPLIED"); // 3 of 4

    assertThat(propose(DELTA, "WITHDRAW", LAGOON, null).errorCode()).isEqualTo("ACCESS_DENIED");
    final Result reinstate = propose(ALPINE, "REINSTATE", DELTA, null);
    assertThat(reinstate.json().get("requiredApprovals").asInt()).isEqualTo(2); // 3 active
    assertThat(
            approve(HARBOUR, reinstate.json().get("changeId").asText())
                .json()
                .get("status")
                .asText())
        .isEqualTo("APPLIED");
  }

  @Test
  void refuses_impossible_membership_transitions() {
    f.foundTreaty();

    assertThat(propose(ALPINE, "ADMIT", HARBOUR, "SG").errorCode()).isEqualTo("INVALID_STATE");
    assertThat(propose(ALPINE, "REINSTATE", HARBOUR, null).errorCode()).isEqualTo("INVALID_STATE");
    assertThat(propose(ALPINE, "SUSPEND", DELTA, null).errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void only_one_pending_change_per_member() {
    f.foundTreaty();
    propose(ALPINE, "ADMIT", DELTA, "DE");

    assertThat(propose(HARBOUR, "ADMIT", DELTA, "DE").errorCode()).isEqualTo("CONFLICT");
  }

  @Test
  void non_members_cannot_read_the_treaty() {
    f.foundTreaty();

    assertThat(
            f.net
                .evaluate(admin(DELTA), "treaty:get", "{\"treatyId\":\"" + TREATY + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            f.net
                .evaluate(
                    Fixture.auditor(LAGOON), "treaty:get", "{\"treatyId\":\"" + TREATY + "\"}")
                .ok())
        .isTrue();
  }
}
