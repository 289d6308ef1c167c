package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.PAYLOAD;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;
import static org.regnet.chaincode.testing.Fixture.ref;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

class ReferralLifecycleTest {

  private final Fixture f = new Fixture();
  private String referralId;

  @BeforeEach
  void submitted() {
    f.foundTreaty();
    referralId = f.submittedReferral(f.activeAgreement());
  }

  private String status() {
    return f.net
        .evaluate(officer(ALPINE), "referral:get", ref(referralId))
        .json()
        .get("status")
        .asText();
  }

  private Result info(final String fn, final String msp) {
    return f.net.submit(
        investigator(msp), fn, ref(referralId), payload("{\"message\":\"Please send KYC files\"}"));
  }

  @Test
  void a_listing_pages_through_the_merged_index_with_its_bookmark() {
    final String second = f.submittedReferral(f.activeAgreement());

    final JsonNode first =
        f.net.evaluate(officer(ALPINE), "referral:listOutbox", "{\"pageSize\":1}").json();
    final JsonNode next =
        f.net
            .evaluate(
                officer(ALPINE),
                "referral:listOutbox",
                "{\"pageSize\":1,\"bookmark\":\"" + first.get("bookmark").asText() + "\"}")
            .json();

    assertThat(first.get("items")).hasSize(1);
    assertThat(first.get("items").get(0).get("referralId").asText()).isEqualTo(referralId);
    assertThat(next.get("items")).hasSize(1);
    assertThat(next.get("items").get(0).get("referralId").asText()).isEqualTo(second);
    assertThat(next.get("bookmark").asText()).isEmpty();
  }

  @Test
  void listings_merge_the_callers_pair_collections_and_skip_a_treaty_member_without_one() {
    // a treaty may name an authority the channel does not (or no longer) declare pairs for
    ok(
        f.net.submit(
            admin(ALPINE),
            "treaty:found",
            Fixture.foundingRequest(ALPINE, "GhostMSP").replace(Fixture.TREATY, "TRT-GHOST")));

    final JsonNode outbox =
        f.net.evaluate(officer(ALPINE), "referral:listOutbox", "{}").json().get("items");
    final JsonNode inbox =
        f.net.evaluate(officer(HARBOUR), "referral:listInbox", "{}").json().get("items");
    final JsonNode audit =
        f.net
            .evaluate(
                Fixture.auditor(ALPINE),
                "audit:byTimeRange",
                "{\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2030-01-01T00:00:00Z\"}")
            .json()
            .get("items");

    assertThat(outbox).hasSize(1);
    assertThat(outbox.get(0).get("referralId").asText()).isEqualTo(referralId);
    assertThat(inbox).hasSize(1);
    assertThat(f.net.evaluate(officer(LAGOON), "referral:listInbox", "{}").json().get("items"))
        .isEmpty();
    assertThat(audit.toString()).contains("referral.submitted").contains(referralId);
  }

  @Test
  void full_life_cycle_to_closed_with_outcome() {
    assertThat(status()).isEqualTo("SUBMITTED");
    ok(f.net.submit(officer(HARBOUR), "referral:acknowledge", ref(referralId)));
    ok(f.net.submit(investigator(HARBOUR), "referral:startInvestigation", ref(referralId)));
    ok(info("referral:requestInformation", HARBOUR));
    assertThat(status()).isEqualTo("INFORMATION_REQUESTED");
    ok(info("referral:provideInformation", ALPINE));
    assertThat(status()).isEqualTo("UNDER_INVESTIGATION");

    final JsonNode closed =
        ok(f.net.submit(
                officer(HARBOUR),
                "referral:close",
                "{\"referralId\":\"" + referralId + "\",\"outcome\":\"ENFORCEMENT_ACTION\"}"))
            .json();

    assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("outcome").asText()).isEqualTo("ENFORCEMENT_ACTION");
    assertThat(closed.get("exchanges"))
        .extracting(e -> e.get("kind").asText())
        .containsExactly("INFORMATION_REQUEST", "INFORMATION_RESPONSE");
  }

  @Test
  void originator_cannot_take_the_recipients_turns() {
    assertThat(f.net.submit(officer(ALPINE), "referral:acknowledge", ref(referralId)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    f.investigate(referralId);
    assertThat(info("referral:requestInformation", ALPINE).errorCode()).isEqualTo("ACCESS_DENIED");
    assertThat(
            f.net
                .submit(
                    officer(ALPINE),
                    "referral:close",
                    "{\"referralId\":\"" + referralId + "\",\"outcome\":\"NO_FURTHER_ACTION\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void recipient_cannot_provide_information_in_the_originators_turn() {
    f.investigate(referralId);
    ok(info("referral:requestInformation", HARBOUR));

    assertThat(info("referral:provideInformation", HARBOUR).errorCode()).isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_case_officer_of_the_recipient_takes_no_investigation_step() {
    ok(f.net.submit(officer(HARBOUR), "referral:acknowledge", ref(referralId)));
    assertThat(
            f.net
                .submit(officer(HARBOUR), "referral:startInvestigation", ref(referralId))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    ok(f.net.submit(investigator(HARBOUR), "referral:startInvestigation", ref(referralId)));

    assertThat(
            f.net
                .submit(
                    officer(HARBOUR),
                    "referral:requestInformation",
                    ref(referralId),
                    payload("{\"message\":\"Send KYC\"}"))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(status()).isEqualTo("UNDER_INVESTIGATION");
  }

  @Test
  void the_originators_case_officer_answers_an_information_request() {
    f.investigate(referralId);
    ok(info("referral:requestInformation", HARBOUR));

    ok(
        f.net.submit(
            officer(ALPINE),
            "referral:provideInformation",
            ref(referralId),
            payload("{\"message\":\"KYC attached\"}")));
    assertThat(status()).isEqualTo("UNDER_INVESTIGATION");
  }

  @Test
  void steps_out_of_order_are_invalid_state() {
    assertThat(
            f.net
                .submit(investigator(HARBOUR), "referral:startInvestigation", ref(referralId))
                .errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(info("referral:provideInformation", ALPINE).errorCode()).isEqualTo("INVALID_STATE");
    assertThat(
            f.net
                .submit(
                    officer(HARBOUR),
                    "referral:close",
                    "{\"referralId\":\"" + referralId + "\",\"outcome\":\"NO_FURTHER_ACTION\"}")
                .errorCode())
        .isEqualTo("INVALID_STATE");
    ok(f.net.submit(officer(HARBOUR), "referral:acknowledge", ref(referralId)));
    assertThat(f.net.submit(officer(HARBOUR), "referral:acknowledge", ref(referralId)).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void third_member_can_neither_act_nor_read() {
    assertThat(f.net.submit(officer(LAGOON), "referral:acknowledge", ref(referralId)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(f.net.evaluate(officer(LAGOON), "referral:get", ref(referralId)).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void wrong_role_is_refused_by_the_rule_table() {
    assertThat(f.net.submit(admin(HARBOUR), "referral:acknowledge", ref(referralId)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            f.net
                .submit(investigator(HARBOUR), "referral:acknowledge", ref(referralId))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void decline_needs_one_of_the_treatys_refusal_grounds() {
    final Result outside =
        f.net.submit(
            officer(HARBOUR),
            "referral:decline",
            "{\"referralId\":\""
                + referralId
                + "\",\"refusalGround\":\"ESSENTIAL_NATIONAL_INTEREST\"}");
    final Result declined =
        f.net.submit(
            officer(HARBOUR),
            "referral:decline",
            "{\"referralId\":\"" + referralId + "\",\"refusalGround\":\"PUBLIC_INTEREST\"}");

    assertThat(outside.errorCode()).isEqualTo("OUT_OF_SCOPE");
    assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
    assertThat(declined.json().get("refusalGround").asText()).isEqualTo("PUBLIC_INTEREST");
    assertThat(f.net.submit(officer(HARBOUR), "referral:acknowledge", ref(referralId)).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void cannot_decline_after_closing() {
    f.investigate(referralId);
    ok(
        f.net.submit(
            officer(HARBOUR),
            "referral:close",
            "{\"referralId\":\"" + referralId + "\",\"outcome\":\"NO_FURTHER_ACTION\"}"));

    assertThat(
            f.net
                .submit(
                    officer(HARBOUR),
                    "referral:decline",
                    "{\"referralId\":\"" + referralId + "\",\"refusalGround\":\"PUBLIC_INTEREST\"}")
                .errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void information_request_needs_its_message_in_the_transient_map() {
    f.investigate(referralId);

    final Result r =
        f.net.submit(
            investigator(HARBOUR), "referral:requestInformation", ref(referralId), Map.of());

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("transient.payload");
  }

  @Test
  void inbox_and_outbox_list_each_partys_referrals() {
    f.submittedReferral(f.activeAgreement());

    final JsonNode inbox =
        f.net.evaluate(officer(HARBOUR), "referral:listInbox", "{\"pageSize\":1}").json();
    final JsonNode outbox = f.net.evaluate(officer(ALPINE), "referral:listOutbox", "{}").json();
    final JsonNode lagoon = f.net.evaluate(officer(LAGOON), "referral:listInbox", "{}").json();

    assertThat(inbox.get("items")).hasSize(1);
    assertThat(inbox.get("bookmark").asText()).isNotEmpty();
    assertThat(outbox.get("items")).hasSize(2);
    assertThat(outbox.at("/items/0/referralId").asText()).isEqualTo(referralId);
    assertThat(lagoon.get("items")).isEmpty();
  }

  @Test
  void public_record_has_salted_hash_and_due_date_but_no_payload() {
    final JsonNode r = f.net.evaluate(officer(HARBOUR), "referral:get", ref(referralId)).json();

    assertThat(r.get("payloadHash").asText()).hasSize(64);
    assertThat(r.get("responseDueAt").asText()).isEqualTo("2025-03-31T09:00:04Z");
    assertThat(r.toString()).doesNotContain("Jane Trader").doesNotContain("ACC-77");
    assertThat(PAYLOAD).contains("Jane Trader");
  }
}
