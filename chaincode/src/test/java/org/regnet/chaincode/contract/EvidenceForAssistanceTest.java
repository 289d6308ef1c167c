package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

/** The reply leg of a request for assistance carries documents: {@code rfa:<id>} is a case. */
class EvidenceForAssistanceTest {
  private static final String SHA = "7c".repeat(32);
  private static final String SALT = "b2".repeat(32);

  private final AssistanceFixture a = new AssistanceFixture();
  private String requestId;

  @BeforeEach
  void request() {
    requestId = a.submitted(); // Alpine asks Harbour
  }

  /** {@code sender} sends a document for {@code caseRef} to {@code receiver}. */
  private static Map<String, byte[]> opening(String caseRef, String sender, String receiver) {
    String o =
        """
        {"documentId":"doc-r-000001","caseRef":"%s","sender":"%s","receiver":"%s",
         "sha256":"%s","size":104857600,"salt":"%s"}"""
            .formatted(caseRef, sender, receiver, SHA, SALT);
    return Map.of("evidence", o.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_requested_authority_sends_a_document_back_and_the_requester_records_receipt() {
    Map<String, byte[]> o = opening("rfa:" + requestId, HARBOUR, ALPINE);
    Result pinned =
        ok(a.net.submitEndorsedBy(officer(HARBOUR), "evidence:pin", "{}", o, HARBOUR, ALPINE));
    assertThat(pinned.json().get("status").asText()).isEqualTo("PINNED");
    Result received =
        ok(a.net.submitEndorsedBy(officer(ALPINE), "evidence:receive", "{}", o, HARBOUR, ALPINE));
    assertThat(received.json().get("status").asText()).isEqualTo("RECEIVED");
    Result view = a.net.evaluate(officer(ALPINE), "evidence:get", "{}", o, ALPINE);
    assertThat(view.ok()).as(view.message()).isTrue();
    assertThat(view.json().at("/document/caseRef").asText()).isEqualTo("rfa:" + requestId);
  }

  @Test
  void a_third_authority_cannot_pin_a_document_for_the_request() {
    Map<String, byte[]> o = opening("rfa:" + requestId, LAGOON, ALPINE);
    assertThat(
            a.net
                .submitEndorsedBy(officer(LAGOON), "evidence:pin", "{}", o, LAGOON, ALPINE)
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void an_unknown_request_is_not_found_and_a_malformed_id_is_refused() {
    assertThat(
            a.net
                .submitEndorsedBy(
                    officer(HARBOUR),
                    "evidence:pin",
                    "{}",
                    opening("rfa:RFA-0000000000000000", HARBOUR, ALPINE),
                    HARBOUR,
                    ALPINE)
                .errorCode())
        .isEqualTo("NOT_FOUND");
    assertThat(
            a.net
                .submitEndorsedBy(
                    officer(HARBOUR),
                    "evidence:pin",
                    "{}",
                    opening("rfa:RFA-1", HARBOUR, ALPINE),
                    HARBOUR,
                    ALPINE)
                .errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }
}
