package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;

/** A member record says which IOSCO memorandum the member signed. */
class MemberSignatoryTest {

  private final Fixture f = new Fixture();

  private JsonNode member(final String msp) {
    for (JsonNode m :
        ok(f.net.evaluate(admin(ALPINE), "treaty:get", "{\"treatyId\":\"" + TREATY + "\"}"))
            .json()
            .get("members")) {
      if (m.get("msp").asText().equals(msp)) {
        return m;
      }
    }
    throw new AssertionError("no member " + msp);
  }

  private String proposal(final String kind, final String extra) {
    return "{\"treatyId\":\"%s\",\"kind\":\"%s\",\"msp\":\"%s\"%s}"
        .formatted(TREATY, kind, DELTA, extra);
  }

  @Test
  void founding_members_default_to_the_mmou() {
    f.foundTreaty();
    assertThat(member(ALPINE).get("signatory").asText()).isEqualTo("MMOU");
  }

  @Test
  void an_admitted_member_keeps_the_signatory_its_admission_named() {
    f.foundTreaty();
    final String changeId =
        ok(f.net.submit(
                admin(ALPINE),
                "treaty:proposeMembershipChange",
                proposal("ADMIT", ",\"jurisdiction\":\"DE\",\"signatory\":\"EMMOU\"")))
            .json()
            .get("changeId")
            .asText();
    ok(
        f.net.submit(
            admin(HARBOUR),
            "treaty:approveMembershipChange",
            "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}"));
    assertThat(member(DELTA).get("signatory").asText()).isEqualTo("EMMOU");
  }

  @Test
  void only_an_admission_names_a_signatory() {
    f.foundTreaty();
    assertThat(
            f.net
                .submit(
                    admin(ALPINE),
                    "treaty:proposeMembershipChange",
                    proposal("SUSPEND", ",\"signatory\":\"EMMOU\""))
                .message())
        .contains("VALIDATION_FAILED", "signatory");
  }
}
