package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;

class AuditTest {

  private final Fixture f = new Fixture();
  private String agreementId;
  private String referralId;

  @BeforeEach
  void history() {
    f.foundTreaty(); // 09:00:01
    agreementId = f.activeAgreement(); // 09:00:02, :03
    referralId = f.submittedReferral(agreementId); // 09:00:04
    f.investigate(referralId); // 09:00:05, :06
  }

  private Result query(final Identity who, final String fn, final String json) {
    return f.net.evaluate(who, fn, json);
  }

  private static List<String> actions(final JsonNode page) {
    final List<String> out = new ArrayList<>();
    page.get("items").forEach(e -> out.add(e.get("action").asText()));
    return out;
  }

  @Test
  void by_object_returns_the_objects_trail_in_order() {
    final JsonNode page =
        query(auditor(HARBOUR), "audit:byObject", "{\"objectId\":\"" + referralId + "\"}").json();

    assertThat(actions(page))
        .containsExactly(
            "referral.submitted", "referral.acknowledged", "referral.investigationStarted");
    assertThat(page.at("/items/0/txId").asText()).hasSize(64);
    assertThat(page.at("/items/0/timestamp").asText()).isEqualTo("2025-03-01T09:00:04Z");
    assertThat(page.at("/items/0/payloadHash").asText()).hasSize(64);
  }

  @Test
  void by_object_paginates_with_bookmarks() {
    final JsonNode p1 =
        query(
                investigator(ALPINE),
                "audit:byObject",
                "{\"objectId\":\"" + referralId + "\",\"pageSize\":2}")
            .json();
    final JsonNode p2 =
        query(
                investigator(ALPINE),
                "audit:byObject",
                "{\"objectId\":\""
                    + referralId
                    + "\",\"pageSize\":2,\"bookmark\":\""
                    + p1.get("bookmark").asText()
                    + "\"}")
            .json();

    assertThat(actions(p1)).containsExactly("referral.submitted", "referral.acknowledged");
    assertThat(actions(p2)).containsExactly("referral.investigationStarted");
    assertThat(p2.get("bookmark").asText()).isEmpty();
  }

  @Test
  void third_member_cannot_audit_the_referral_and_treaty_admin_only_treaty_objects() {
    assertThat(
            query(auditor(LAGOON), "audit:byObject", "{\"objectId\":\"" + referralId + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            query(admin(ALPINE), "audit:byObject", "{\"objectId\":\"" + referralId + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            actions(
                query(admin(LAGOON), "audit:byObject", "{\"objectId\":\"" + TREATY + "\"}").json()))
        .containsExactly("treaty.founded");
    assertThat(
            query(officer(ALPINE), "audit:byObject", "{\"objectId\":\"" + TREATY + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void time_range_returns_only_entries_the_caller_may_see() {
    final String range = "{\"from\":\"2025-03-01T09:00:00Z\",\"to\":\"2025-03-01T10:00:00Z\"}";

    final List<String> alpine = actions(query(auditor(ALPINE), "audit:byTimeRange", range).json());
    final List<String> lagoon = actions(query(auditor(LAGOON), "audit:byTimeRange", range).json());

    assertThat(alpine)
        .containsExactly(
            "treaty.founded",
            "agreement.proposed",
            "agreement.signed",
            "referral.submitted",
            "referral.acknowledged",
            "referral.investigationStarted");
    assertThat(lagoon).containsExactly("treaty.founded");
  }

  @Test
  void time_range_is_half_open_and_paginated() {
    final JsonNode p1 =
        query(
                auditor(HARBOUR),
                "audit:byTimeRange",
                "{\"from\":\"2025-03-01T09:00:02Z\",\"to\":\"2025-03-01T09:00:05Z\",\"pageSize\":2}")
            .json();
    final JsonNode p2 =
        query(
                auditor(HARBOUR),
                "audit:byTimeRange",
                "{\"from\":\"2025-03-01T09:00:02Z\",\"to\":\"2025-03-01T09:00:05Z\",\"pageSize\":2,\"bookmark\":\""
                    + p1.get("bookmark").asText()
                    + "\"}")
            .json();

    assertThat(actions(p1)).containsExactly("agreement.proposed", "agreement.signed");
    assertThat(actions(p2)).containsExactly("referral.submitted");
  }

  @Test
  void by_actor_lists_one_authoritys_actions_visible_to_the_caller() {
    final JsonNode harbour =
        query(auditor(ALPINE), "audit:byActor", "{\"actorMsp\":\"" + HARBOUR + "\"}").json();
    final JsonNode fromLagoon =
        query(auditor(LAGOON), "audit:byActor", "{\"actorMsp\":\"" + HARBOUR + "\"}").json();

    assertThat(actions(harbour))
        .containsExactly(
            "agreement.signed", "referral.acknowledged", "referral.investigationStarted");
    assertThat(fromLagoon.get("items")).isEmpty();
  }

  @Test
  void case_officers_cannot_query_the_audit_trail() {
    assertThat(
            query(
                    officer(ALPINE),
                    "audit:byTimeRange",
                    "{\"from\":\"2025-03-01T09:00:00Z\",\"to\":\"2025-03-01T10:00:00Z\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void a_bookmark_cannot_widen_the_range_to_another_authoritys_index() {
    final JsonNode lagoonPage =
        query(
                auditor(LAGOON),
                "audit:byTimeRange",
                "{\"from\":\"2025-03-01T09:00:00Z\",\"to\":\"2025-03-01T10:00:00Z\",\"pageSize\":1}")
            .json();
    final String alpineMark =
        query(
                auditor(ALPINE),
                "audit:byTimeRange",
                "{\"from\":\"2025-03-01T09:00:00Z\",\"to\":\"2025-03-01T10:00:00Z\",\"pageSize\":1}")
            .json()
            .get("bookmark")
            .asText();

    final Result r =
        query(
            auditor(LAGOON),
            "audit:byTimeRange",
            "{\"from\":\"2025-03-01T09:00:00Z\",\"to\":\"2025-03-01T10:00:00Z\",\"pageSize\":1,\"bookmark\":\""
                + alpineMark
                + "\"}");

    assertThat(lagoonPage.get("items")).hasSize(1);
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void membership_changes_appear_in_the_treatys_trail() {
    final String changeId =
        f.net
            .submit(
                admin(ALPINE),
                "treaty:proposeMembershipChange",
                "{\"treatyId\":\""
                    + TREATY
                    + "\",\"kind\":\"ADMIT\",\"msp\":\"DeltaMSP\",\"jurisdiction\":\"DE\"}")
            .json()
            .get("changeId")
            .asText();

    assertThat(
            actions(
                query(admin(HARBOUR), "audit:byObject", "{\"objectId\":\"" + TREATY + "\"}")
                    .json()))
        .containsExactly("treaty.founded", "treaty.membershipProposed");
    assertThat(
            actions(
                query(admin(HARBOUR), "audit:byObject", "{\"objectId\":\"" + changeId + "\"}")
                    .json()))
        .containsExactly("treaty.membershipProposed");
  }

  @Test
  void every_submitted_transaction_committed_exactly_one_event() {
    assertThat(f.net.ledger().committed())
        .allSatisfy(c -> assertThat(c.eventName()).startsWith("regnet."));
  }
}
