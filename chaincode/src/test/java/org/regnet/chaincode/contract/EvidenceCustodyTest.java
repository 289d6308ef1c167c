package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.officer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;

class EvidenceCustodyTest {
  private static final String SHA = "5e".repeat(32);
  private static final String SALT = "a1".repeat(32);

  private final Fixture f = new Fixture();
  private String referralId;

  @BeforeEach
  void referral() {
    f.foundTreaty();
    referralId = f.submittedReferral(f.activeAgreement()); // Alpine -> Harbour
  }

  /** Harbour (the referral's recipient) sends a document back to Alpine. */
  private String opening(String caseRef, String sha) {
    return """
        {"documentId":"doc-h-000001","caseRef":"%s","sender":"%s","receiver":"%s",
         "sha256":"%s","size":104857600,"salt":"%s"}"""
        .formatted(caseRef, HARBOUR, ALPINE, sha, SALT);
  }

  private static Map<String, byte[]> tr(String opening) {
    return Map.of("evidence", opening.getBytes(StandardCharsets.UTF_8));
  }

  private Result call(Identity who, String tx, String opening) {
    return f.net.submitEndorsedBy(who, tx, "{}", tr(opening), HARBOUR, ALPINE);
  }

  @Test
  void sender_pins_and_receiver_records_receipt_and_both_read_the_custody() {
    String o = opening("referral:" + referralId, SHA);
    Result pinned = Fixture.ok(call(officer(HARBOUR), "evidence:pin", o));
    assertThat(pinned.json().get("status").asText()).isEqualTo("PINNED");
    Result received = Fixture.ok(call(officer(ALPINE), "evidence:receive", o));
    assertThat(received.json().get("status").asText()).isEqualTo("RECEIVED");
    assertThat(received.json().get("receivedAt").isNull()).isFalse();

    for (Identity who : new Identity[] {officer(HARBOUR), auditor(ALPINE)}) {
      Result view = f.net.evaluate(who, "evidence:get", "{}", tr(o), who.msp());
      assertThat(view.ok()).as(view.message()).isTrue();
      assertThat(view.json().at("/document/sha256").asText()).isEqualTo(SHA);
      assertThat(view.json().at("/custody/sender").asText()).isEqualTo(HARBOUR);
      assertThat(view.json().at("/custody/status").asText()).isEqualTo("RECEIVED");
    }
  }

  @Test
  void what_goes_into_blocks_names_neither_case_nor_hash_nor_size() {
    String o = opening("referral:" + referralId, SHA);
    Result pinned = Fixture.ok(call(officer(HARBOUR), "evidence:pin", o));
    Result received = Fixture.ok(call(officer(ALPINE), "evidence:receive", o));
    StringBuilder blocks = new StringBuilder();
    for (Result r : new Result[] {pinned, received}) {
      blocks.append(r.body()).append(r.tx().getStringArgs());
      r.tx().writes().values().forEach(v -> blocks.append(new String(v, StandardCharsets.UTF_8)));
      blocks.append(new String(r.tx().eventPayload(), StandardCharsets.UTF_8));
      assertThat(r.tx().privateWrites()).isEmpty();
    }
    assertThat(blocks.toString())
        .contains(HARBOUR, ALPINE, "RECEIVED") // positive control: the record is there
        .doesNotContain(SHA, referralId, "104857600", "doc-h-000001", SALT);
  }

  @Test
  void a_receipt_with_another_hash_opens_no_record() {
    Fixture.ok(call(officer(HARBOUR), "evidence:pin", opening("referral:" + referralId, SHA)));
    Result r =
        call(
            officer(ALPINE),
            "evidence:receive",
            opening("referral:" + referralId, "77".repeat(32)));
    assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void only_the_receiver_records_receipt_and_only_once() {
    String o = opening("referral:" + referralId, SHA);
    Fixture.ok(call(officer(HARBOUR), "evidence:pin", o));
    assertThat(call(officer(HARBOUR), "evidence:receive", o).errorCode())
        .isEqualTo("ACCESS_DENIED");
    Fixture.ok(call(officer(ALPINE), "evidence:receive", o));
    assertThat(call(officer(ALPINE), "evidence:receive", o).errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void a_non_party_can_neither_pin_for_the_case_nor_read_its_custody() {
    String o = opening("referral:" + referralId, SHA);
    Fixture.ok(call(officer(HARBOUR), "evidence:pin", o));
    String asLagoon = o.replace(HARBOUR, LAGOON);
    assertThat(f.net.submit(officer(LAGOON), "evidence:pin", "{}", tr(asLagoon)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(f.net.evaluate(officer(LAGOON), "evidence:get", "{}", tr(o), LAGOON).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void bad_details_are_refused_with_the_field_named() {
    Result r = call(officer(HARBOUR), "evidence:pin", opening("referral:" + referralId, "XYZ"));
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("evidence.sha256");
    assertThat(call(officer(HARBOUR), "evidence:pin", opening("rfa:RFA-1", SHA)).errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(f.net.submit(officer(HARBOUR), "evidence:pin", "{}", Map.of()).errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            f.net
                .submit(
                    officer(HARBOUR),
                    "evidence:pin",
                    "{\"sha256\":\"x\"}",
                    tr(opening("referral:" + referralId, SHA)))
                .errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }
}
