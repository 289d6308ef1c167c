package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.privateKey;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.AssistanceFixture.requestPayload;
import static org.regnet.chaincode.testing.AssistanceFixture.utf8;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.Fixture;

class AssistanceSubmitTest {

  private final AssistanceFixture a = new AssistanceFixture();

  private String error(final String urgency, final String payloadJson) {
    return a.net
        .submit(
            officer(ALPINE), "assistance:submit", a.submitRequest(urgency), payload(payloadJson))
        .errorCode();
  }

  @Test
  void a_request_records_parties_deadlines_and_item_count_but_not_its_content() {
    final String id = a.submitted();
    final JsonNode r = ok(a.net.evaluate(officer(HARBOUR), "assistance:get", ref(id))).json();

    assertThat(r.get("requester").asText()).isEqualTo(ALPINE);
    assertThat(r.get("requested").asText()).isEqualTo(HARBOUR);
    assertThat(r.get("itemCount").asInt()).isEqualTo(2);
    assertThat(r.get("progress").get("status").asText()).isEqualTo("SUBMITTED");
    // submitted Saturday 2025-03-01: five working days end on Friday 2025-03-07
    assertThat(r.get("acknowledgeDueAt").asText()).startsWith("2025-03-07T09:00");
    assertThat(r.get("replyDueAt").asText()).startsWith("2025-03-31T09:00");
    final String publicState =
        a.net.ledger().keys().stream()
            .map(k -> utf8(a.net.ledger().state(k)))
            .reduce("", String::concat);
    assertThat(publicState).doesNotContain("Jane Trader", "MMoU para 7(b)(ii)", "BANK_RECORDS");
    assertThat(utf8(a.pairPrivate(privateKey(id, "request", 0)))).contains("Jane Trader");
    assertThat(a.lagoonPrivate(ALPINE, privateKey(id, "request", 0))).isNull();
    assertThat(a.lagoonPrivate(HARBOUR, privateKey(id, "request", 0))).isNull();
  }

  @Test
  void an_urgent_request_is_due_in_three_days_and_needs_reasons() {
    assertThat(error("URGENT", requestPayload(null, "DOCUMENTS"))).isEqualTo("VALIDATION_FAILED");
    final String id = a.submitted("URGENT", "Assets are being moved offshore", "ASSET_FREEZE");
    final JsonNode r = ok(a.net.evaluate(officer(ALPINE), "assistance:get", ref(id))).json();
    assertThat(r.get("replyDueAt").asText()).startsWith("2025-03-04T09:00");
  }

  @Test
  void auth001_fields_are_required_and_checked() {
    assertThat(
            error(
                "ROUTINE", requestPayload(null, "DOCUMENTS").replace("\"confidential\":true,", "")))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            error("ROUTINE", requestPayload(null, "DOCUMENTS").replace("2024-06-30", "2023-06-30")))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            error(
                "ROUTINE",
                requestPayload(null, "DOCUMENTS").replace("MMoU para 7(b)(ii)", "x".repeat(36))))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(error("ROUTINE", requestPayload(null, "DOCUMENTS", "SORCERY")))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(error("ROUTINE", requestPayload(null))).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void emmou_powers_need_both_sides_to_have_signed_the_emmou() {
    final String lagoonAgreement =
        ok(a.net.submit(admin(ALPINE), "agreement:propose", Fixture.agreementRequest(LAGOON)))
            .json()
            .get("agreementId")
            .asText();
    ok(
        a.net.submit(
            admin(LAGOON), "agreement:sign", "{\"agreementId\":\"" + lagoonAgreement + "\"}"));
    final String toLagoon = a.submitRequest("ROUTINE").replace(a.agreementId, lagoonAgreement);

    assertThat(
            a.net
                .submit(
                    officer(ALPINE),
                    "assistance:submit",
                    toLagoon,
                    payload(requestPayload(null, "DOCUMENTS", "TELEPHONE_RECORDS")))
                .message())
        .contains("OUT_OF_SCOPE", "items[1].type", "EMMoU");
    ok(
        a.net.submit(
            officer(ALPINE),
            "assistance:submit",
            toLagoon,
            payload(requestPayload(null, "DOCUMENTS", "TESTIMONY"))));
    ok(
        a.net.submit(
            officer(ALPINE),
            "assistance:submit",
            a.submitRequest("ROUTINE"),
            payload(requestPayload(null, "AUDIT_WORKING_PAPERS", "ISP_RECORDS"))));
  }

  @Test
  void only_the_parties_read_a_request_and_only_case_officers_submit() {
    final String id = a.submitted();
    assertThat(a.net.evaluate(officer(LAGOON), "assistance:get", ref(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            a.net
                .submit(
                    Fixture.investigator(ALPINE),
                    "assistance:submit",
                    a.submitRequest("ROUTINE"),
                    payload(requestPayload(null, "DOCUMENTS")))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void the_content_is_read_on_the_callers_own_peer() {
    final String id = a.submitted();
    final JsonNode c = ok(a.net.evaluate(officer(HARBOUR), "assistance:content", ref(id))).json();
    assertThat(c.get("payload").get("legalMandate").get("paragraph").asText())
        .isEqualTo("MMoU para 7(b)(ii)");
    assertThat(
            a.net
                .evaluate(
                    officer(HARBOUR), "assistance:content", ref(id), java.util.Map.of(), ALPINE)
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }
}
