package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.PAYLOAD;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.foundingRequest;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.payload;
import static org.regnet.chaincode.testing.Fixture.submitRequest;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

class BadInputTest {

  private final Fixture f = new Fixture();

  private Result found(final String json) {
    return f.net.submit(admin(ALPINE), "treaty:found", json);
  }

  private void assertRefused(final Result r, final String field) {
    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).startsWith("VALIDATION_FAILED: ").contains(field);
    assertThat(r.tx().writes()).isEmpty();
    assertThat(r.tx().eventName()).isNull();
  }

  @Test
  void refuses_unknown_fields_naming_them() {
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("\"name\":", "\"admin\":true,\"name\":")),
        "request.admin");
  }

  @Test
  void refuses_unknown_fields_in_the_confidential_payload() {
    f.foundTreaty();
    final String agreementId = f.activeAgreement();

    final Result r =
        f.net.submit(
            officer(ALPINE),
            "referral:submit",
            submitRequest(agreementId),
            payload(PAYLOAD.replace("\"urgency\":", "\"secretSauce\":1,\"urgency\":")));

    assertRefused(r, "transient.payload.secretSauce");
  }

  @Test
  void refuses_nul_and_other_control_characters_in_ids() {
    assertRefused(
        found(
            foundingRequest(ALPINE, HARBOUR)
                .replace("\"msp\":\"HarbourMSP\"", "\"msp\":\"Harbour\\u0000MSP\"")),
        "members[1].msp");
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("Crypto derivatives MMoU", "MMoU\\u0007")),
        "name");
  }

  @Test
  void refuses_oversized_request_and_fields() {
    assertRefused(
        found(
            foundingRequest(ALPINE, HARBOUR)
                .replace("Crypto derivatives MMoU", "x".repeat(17 * 1024))),
        "request");
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("Crypto derivatives MMoU", "x".repeat(201))),
        "name");
  }

  @Test
  void refuses_bad_codes_and_enums() {
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("\"CH\"", "\"ch\"")),
        "members[0].jurisdiction");
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("\"TRADE_DATA\"", "\"GOSSIP\"")),
        "request.terms.dataClasses");
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("\"TRADE_DATA\"", "0")),
        "request.terms.dataClasses");
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("\"TRT-CRYPTO-MMOU\"", "\"treaty one\"")),
        "treatyId");
    assertRefused(
        found(
            foundingRequest(ALPINE, HARBOUR)
                .replace(
                    "\"jurisdiction\":\"SG\"",
                    "\"jurisdiction\":\"SG\",\"lei\":\"5493001KJTIIGC8Y1R13\"")),
        "members[1].lei");
  }

  @Test
  void refuses_numbers_as_strings_and_duplicates() {
    assertRefused(
        found(foundingRequest(ALPINE, HARBOUR).replace("30", "\"30\"")), "responseDeadlineDays");
    assertRefused(
        found(
            foundingRequest(ALPINE, HARBOUR)
                .replace(
                    "\"name\":\"Crypto derivatives MMoU\",", "\"name\":\"a\",\"name\":\"b\",")),
        "request");
    assertRefused(found(foundingRequest(ALPINE, ALPINE)), "members[1].msp");
  }

  @Test
  void refuses_malformed_and_missing_arguments() {
    assertRefused(found("{"), "request");
    assertRefused(found("[]"), "request");
    assertRefused(found("{} trailing"), "request");
    assertRefused(found("{\"name\":\"x\"}"), "terms");
  }

  @Test
  void refuses_malformed_ids_in_every_area() {
    f.foundTreaty();
    for (String[] call :
        List.of(
            new String[] {"agreement:sign", "{\"agreementId\":\"AGR-XYZ\"}", "agreementId"},
            new String[] {"referral:get", "{\"referralId\":\"REF-0000\"}", "referralId"},
            new String[] {"flag:retract", "{\"flagId\":\"FLG-\\u0000\"}", "flagId"},
            new String[] {"audit:byObject", "{\"objectId\":\"../../etc\"}", "objectId"},
            new String[] {"agreement:listForMember", "{\"pageSize\":1000}", "pageSize"},
            new String[] {
              "agreement:listForMember", "{\"bookmark\":\"not base64!\"}", "bookmark"
            })) {
      final Result r = f.net.submit(Fixture.admin(ALPINE), call[0], call[1]);
      assertThat(r.errorCode()).as(call[0]).isIn("VALIDATION_FAILED", "ACCESS_DENIED");
      if ("VALIDATION_FAILED".equals(r.errorCode())) {
        assertThat(r.message()).as(call[0]).contains(call[2]);
      }
    }
  }

  @Test
  void a_failed_transaction_writes_nothing_even_after_partial_work() {
    f.foundTreaty();
    final int keys = f.net.ledger().keys().size();

    final Result r =
        f.net.submit(
            admin(ALPINE),
            "agreement:propose",
            Fixture.agreementRequest(HARBOUR).replace("\"ENFORCEMENT\"]", "\"SUPERVISION\"]"));

    assertThat(r.ok()).isFalse();
    assertThat(r.tx().writes()).isEmpty();
    assertThat(f.net.ledger().keys()).hasSize(keys);
  }

  @Test
  void unknown_transaction_is_refused() {
    final Result r = f.net.submit(admin(ALPINE), "treaty:dissolve", "{}");

    assertThat(r.ok()).isFalse();
  }

  @Test
  void meta_version_answers_without_a_role() {
    final Result r = f.net.evaluate(Fixture.id(ALPINE, "none"), "meta:version", null);

    assertThat(r.body()).isEqualTo("{\"chaincode\":\"regnet\",\"version\":\"0.1.0\"}");
  }
}
