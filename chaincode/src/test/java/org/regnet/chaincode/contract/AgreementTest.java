package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.agreementRequest;
import static org.regnet.chaincode.testing.Fixture.officer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

class AgreementTest {

  private final Fixture f = new Fixture();

  @BeforeEach
  void treaty() {
    f.foundTreaty();
  }

  private static String id(final String agreementId) {
    return "{\"agreementId\":\"" + agreementId + "\"}";
  }

  private String proposed() {
    return f.net
        .submit(admin(ALPINE), "agreement:propose", agreementRequest(HARBOUR))
        .json()
        .get("agreementId")
        .asText();
  }

  @Test
  void proposed_agreement_is_not_active_until_the_counterparty_signs() {
    final Result r = f.net.submit(admin(ALPINE), "agreement:propose", agreementRequest(HARBOUR));
    final String id = r.json().get("agreementId").asText();

    assertThat(id).isEqualTo("AGR-" + r.txId().substring(0, 16));
    assertThat(r.json().get("status").asText()).isEqualTo("PROPOSED");
    final JsonNode signed = f.net.submit(admin(HARBOUR), "agreement:sign", id(id)).json();
    assertThat(signed.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(signed.get("effectiveStatus").asText()).isEqualTo("ACTIVE");
    assertThat(signed.get("signedAt").asText()).isNotEmpty();
  }

  @Test
  void proposer_cannot_sign_its_own_proposal() {
    final String id = proposed();

    assertThat(f.net.submit(admin(ALPINE), "agreement:sign", id(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void third_member_cannot_sign_suspend_or_read() {
    final String id = proposed();

    assertThat(f.net.submit(admin(LAGOON), "agreement:sign", id(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(f.net.submit(admin(LAGOON), "agreement:terminate", id(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(f.net.evaluate(admin(LAGOON), "agreement:get", id(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void case_officer_cannot_propose_agreements() {
    assertThat(
            f.net
                .submit(officer(ALPINE), "agreement:propose", agreementRequest(HARBOUR))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void refuses_scope_outside_the_treaty_terms() {
    final String req = agreementRequest(HARBOUR).replace("\"ENFORCEMENT\"]", "\"SUPERVISION\"]");

    final Result r = f.net.submit(admin(ALPINE), "agreement:propose", req);

    assertThat(r.errorCode()).isEqualTo("OUT_OF_SCOPE");
    assertThat(r.message()).contains("scope.permittedUses");
  }

  @Test
  void refuses_counterparty_outside_the_treaty() {
    assertThat(
            f.net.submit(admin(ALPINE), "agreement:propose", agreementRequest(DELTA)).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void refuses_validity_already_over_at_the_transaction_time() {
    final String req =
        agreementRequest(HARBOUR).replace("2026-01-01T00:00:00Z", "2025-02-01T00:00:00Z");

    final Result r = f.net.submit(admin(ALPINE), "agreement:propose", req);

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("validUntil");
  }

  @Test
  void cannot_sign_after_expiry_evaluated_at_the_transaction_time() {
    final String id = proposed();
    f.net.advance(Duration.ofDays(400));

    final Result r = f.net.submit(admin(HARBOUR), "agreement:sign", id(id));

    assertThat(r.errorCode()).isEqualTo("INVALID_STATE");
    assertThat(r.message()).contains("expired");
  }

  @Test
  void active_agreement_reports_expired_after_valid_until() {
    final String id = f.activeAgreement();
    f.net.advance(Duration.ofDays(400));

    final JsonNode a = f.net.evaluate(admin(ALPINE), "agreement:get", id(id)).json();

    assertThat(a.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(a.get("effectiveStatus").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void either_party_suspends_and_terminates() {
    final String id = f.activeAgreement();

    assertThat(
            f.net.submit(admin(HARBOUR), "agreement:suspend", id(id)).json().get("status").asText())
        .isEqualTo("SUSPENDED");
    assertThat(f.net.submit(admin(HARBOUR), "agreement:suspend", id(id)).errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(
            f.net
                .submit(admin(ALPINE), "agreement:terminate", id(id))
                .json()
                .get("status")
                .asText())
        .isEqualTo("TERMINATED");
    assertThat(f.net.submit(admin(HARBOUR), "agreement:terminate", id(id)).errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(f.net.submit(admin(HARBOUR), "agreement:sign", id(id)).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void lists_the_callers_agreements_page_by_page() {
    for (int i = 0; i < 3; i++) {
      proposed();
    }
    f.net.submit(admin(HARBOUR), "agreement:propose", agreementRequest(LAGOON)).json();

    final JsonNode p1 =
        f.net.evaluate(officer(ALPINE), "agreement:listForMember", "{\"pageSize\":2}").json();
    final JsonNode p2 =
        f.net
            .evaluate(
                officer(ALPINE),
                "agreement:listForMember",
                "{\"pageSize\":2,\"bookmark\":\"" + p1.get("bookmark").asText() + "\"}")
            .json();
    final JsonNode lagoon = f.net.evaluate(officer(LAGOON), "agreement:listForMember", "{}").json();

    assertThat(p1.get("items")).hasSize(2);
    assertThat(p2.get("items")).hasSize(1);
    assertThat(p2.get("bookmark").asText()).isEmpty();
    assertThat(lagoon.get("items")).hasSize(1);
    assertThat(lagoon.at("/items/0/proposer").asText()).isEqualTo(HARBOUR);
  }

  @Test
  void refuses_a_bookmark_from_another_query() {
    for (int i = 0; i < 3; i++) {
      proposed();
    }
    final String harbourMark =
        f.net
            .evaluate(officer(HARBOUR), "agreement:listForMember", "{\"pageSize\":1}")
            .json()
            .get("bookmark")
            .asText();

    final Result r =
        f.net.evaluate(
            officer(LAGOON),
            "agreement:listForMember",
            "{\"pageSize\":1,\"bookmark\":\"" + harbourMark + "\"}");

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("bookmark");
  }

  @Test
  void treaty_id_of_agreement_must_exist() {
    final String req = agreementRequest(HARBOUR).replace(TREATY, "TRT-NOPE");

    assertThat(f.net.submit(admin(ALPINE), "agreement:propose", req).errorCode())
        .isEqualTo("NOT_FOUND");
  }
}
