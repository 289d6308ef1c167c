package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Requests.ref;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Regulators share a case between jurisdictions, end to end on the real network: authority A (CH)
 * refers a spoofing case to B (SG) under their agreement; B works it through its life cycle; every
 * step is read back through the other party's peer; B's investigator reads the payload and the
 * audit trail; C (SG's and CH's fellow treaty member, not a party) is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferralJourneyIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-JOURNEY";
  private static Actors actors;
  private static String agreementId;
  private static String referralId;
  private static String marker;

  @BeforeAll
  static void treatyAndAgreement() {
    actors = new Actors(TestNetwork.shared());
    Result founded =
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                TREATY,
                new String[] {actors.msp(A), actors.msp(B), actors.msp(C)},
                new String[] {"CH", "SG", "BR"}));
    assertThat(founded.ok()).as(founded.error()).isTrue();
    Result proposed =
        submit(
            actors.contract(A, "treaty-admin"),
            "agreement:propose",
            Requests.proposeAgreement(TREATY, actors.msp(B)));
    agreementId = proposed.json().get("agreementId").asText();
    assertThat(proposed.json().get("status").asText()).isEqualTo("PROPOSED");
    Result signed =
        submit(
            actors.contract(B, "treaty-admin"), "agreement:sign", Requests.agreement(agreementId));
    assertThat(signed.json().get("status").asText()).isEqualTo("ACTIVE");
  }

  @AfterAll
  static void close() throws InterruptedException {
    actors.close();
  }

  @Test
  @Order(1)
  void a_case_officer_at_A_refers_a_case_to_B_endorsed_by_both_parties() {
    marker = Requests.marker();
    Result r =
        submit(
            actors.contract(A, "case-officer"),
            "referral:submit",
            Requests.submitReferral(agreementId),
            // no endorsers named: the gateway's discovery finds both parties' peers from the pair
            // collection's policy, and sends the transient payload to no other peer
            Requests.confidential(Requests.payload(marker)));

    assertThat(r.ok()).as(r.error()).isTrue();
    JsonNode referral = r.json();
    referralId = referral.get("referralId").asText();
    assertThat(referral.get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(referral.get("originator").asText()).isEqualTo(actors.msp(A));
    assertThat(referral.get("recipient").asText()).isEqualTo(actors.msp(B));
    assertThat(r.body()).doesNotContain(marker);

    JsonNode seenByB =
        evaluate(actors.contract(B, "case-officer"), "referral:get", ref(referralId)).json();
    assertThat(seenByB.get("payloadHash").asText()).isEqualTo(referral.get("payloadHash").asText());
  }

  @Test
  @Order(2)
  void only_the_recipients_case_officer_may_acknowledge() {
    assertThat(
            submit(actors.contract(A, "case-officer"), "referral:acknowledge", ref(referralId))
                .code())
        .as("originator, not its turn")
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            submit(actors.contract(B, "auditor"), "referral:acknowledge", ref(referralId)).code())
        .as("recipient, wrong role")
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            submit(actors.contract(C, "case-officer"), "referral:acknowledge", ref(referralId))
                .code())
        .as("treaty member, not a party")
        .isIn("ACCESS_DENIED", "NOT_FOUND");

    Result ok = submit(actors.contract(B, "case-officer"), "referral:acknowledge", ref(referralId));
    assertThat(ok.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertStatusThroughPeerOf(A, "ACKNOWLEDGED");
  }

  @Test
  @Order(3)
  void B_investigates_asks_for_information_and_A_provides_it() {
    Result started =
        submit(actors.contract(B, "investigator"), "referral:startInvestigation", ref(referralId));
    assertThat(started.json().get("status").asText()).isEqualTo("UNDER_INVESTIGATION");
    assertStatusThroughPeerOf(A, "UNDER_INVESTIGATION");

    Result asked =
        submit(
            actors.contract(B, "investigator"),
            "referral:requestInformation",
            ref(referralId),
            Requests.confidential(Requests.message("Please send the KYC file for ACC-77.")));
    assertThat(asked.json().get("status").asText()).isEqualTo("INFORMATION_REQUESTED");
    assertStatusThroughPeerOf(A, "INFORMATION_REQUESTED");

    Result answered =
        submit(
            actors.contract(A, "case-officer"),
            "referral:provideInformation",
            ref(referralId),
            Requests.confidential(Requests.message("KYC file digest attached.")));
    assertThat(answered.json().get("status").asText()).isEqualTo("UNDER_INVESTIGATION");
    assertThat(answered.json().get("exchanges")).hasSize(2);
    assertStatusThroughPeerOf(A, "UNDER_INVESTIGATION");
  }

  @Test
  @Order(4)
  void Bs_investigator_reads_the_payload_on_its_own_peer_after_a_recorded_access() {
    Result receipt =
        submit(
            actors.contract(B, "investigator"),
            "referral:readPayload",
            "{\"referralId\":\"" + referralId + "\",\"purpose\":\"INVESTIGATION\"}");
    assertThat(receipt.ok()).as(receipt.error()).isTrue();
    // the receipt is in the block: it names the access, never the referral
    assertThat(receipt.body()).doesNotContain(marker).doesNotContain(referralId);
    String accessId = receipt.json().get("accessId").asText();

    Result payload =
        evaluate(
            actors.contract(B, "investigator"),
            "referral:fetchPayload",
            "{\"referralId\":\"" + referralId + "\",\"accessId\":\"" + accessId + "\"}");
    assertThat(payload.ok()).as(payload.error()).isTrue();
    assertThat(payload.json().get("payload").get("facts").asText()).contains(marker);
    assertThat(payload.json().get("payloadHash").asText())
        .isEqualTo(
            evaluate(actors.contract(B, "investigator"), "referral:get", ref(referralId))
                .json()
                .get("payloadHash")
                .asText());
  }

  @Test
  @Order(5)
  void the_third_authority_can_neither_see_the_case_nor_read_its_payload() {
    for (String role : List.of("treaty-admin", "case-officer", "investigator", "auditor")) {
      assertThat(evaluate(actors.contract(C, role), "referral:get", ref(referralId)).code())
          .as(role)
          .isIn("ACCESS_DENIED", "NOT_FOUND");
    }
    assertThat(
            submit(
                    actors.contract(C, "investigator"),
                    "referral:readPayload",
                    "{\"referralId\":\"" + referralId + "\",\"purpose\":\"INVESTIGATION\"}",
                    Map.of(),
                    actors.msp(C))
                .code())
        .isIn("ACCESS_DENIED", "NOT_FOUND");
  }

  @Test
  @Order(6)
  void B_closes_the_case_with_an_outcome() {
    Result closed =
        submit(
            actors.contract(B, "case-officer"),
            "referral:close",
            "{\"referralId\":\"" + referralId + "\",\"outcome\":\"ENFORCEMENT_ACTION\"}");
    assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.json().get("outcome").asText()).isEqualTo("ENFORCEMENT_ACTION");
    assertStatusThroughPeerOf(A, "CLOSED");
    assertThat(
            submit(actors.contract(B, "case-officer"), "referral:acknowledge", ref(referralId))
                .code())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  @Order(7)
  void Bs_investigator_sees_every_step_in_the_audit_trail_with_transaction_ids_and_C_is_refused() {
    Result page =
        evaluate(
            actors.contract(B, "investigator"),
            "audit:byObject",
            "{\"objectId\":\"" + referralId + "\",\"pageSize\":100}");
    assertThat(page.ok()).as(page.error()).isTrue();
    List<String> actions = new ArrayList<>();
    page.json()
        .get("items")
        .forEach(
            e -> {
              actions.add(e.get("action").asText());
              assertThat(e.get("txId").asText()).matches("[0-9a-f]{64}");
            });
    assertThat(actions)
        .containsSubsequence(
            "referral.submitted",
            "referral.acknowledged",
            "referral.investigationStarted",
            "referral.informationRequested",
            "referral.informationProvided",
            "referral.closed");
    assertThat(String.join(",", actions)).contains("payload");

    // Paged one by one, the trail is the same, in the same order.
    List<String> paged = new ArrayList<>();
    String bookmark = "";
    do {
      JsonNode p =
          evaluate(
                  actors.contract(B, "auditor"),
                  "audit:byObject",
                  "{\"objectId\":\""
                      + referralId
                      + "\",\"pageSize\":2,\"bookmark\":\""
                      + bookmark
                      + "\"}")
              .json();
      p.get("items").forEach(e -> paged.add(e.get("action").asText()));
      bookmark = p.get("items").size() < 2 ? "" : p.get("bookmark").asText();
    } while (!bookmark.isEmpty());
    assertThat(paged).isEqualTo(actions);

    assertThat(
            evaluate(
                    actors.contract(C, "auditor"),
                    "audit:byObject",
                    "{\"objectId\":\"" + referralId + "\",\"pageSize\":100}")
                .code())
        .isIn("ACCESS_DENIED", "NOT_FOUND");
  }

  private static void assertStatusThroughPeerOf(int org, String status) {
    Result r = evaluate(actors.contract(org, "case-officer"), "referral:get", ref(referralId));
    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(r.json().get("status").asText()).isEqualTo(status);
  }
}
