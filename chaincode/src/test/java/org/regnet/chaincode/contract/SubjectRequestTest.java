package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.message;
import static org.regnet.chaincode.testing.AssistanceFixture.privateKey;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.AssistanceFixture.utf8;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.TestNetwork;

class SubjectRequestTest {

  private final AssistanceFixture a = new AssistanceFixture();
  private String id;

  @BeforeEach
  void submitted() {
    id = a.submitted();
  }

  private TestNetwork.Result record(final String who, final String kind) {
    return a.net.submit(
        officer(who),
        "assistance:recordSubjectRequest",
        "{\"requestId\":\"" + id + "\",\"kind\":\"" + kind + "\"}",
        message("Jane Trader asks to correct her date of birth"));
  }

  @Test
  void a_rectification_is_recorded_with_its_details_sealed_and_the_other_party_told() {
    ok(record(HARBOUR, "RECTIFY"));
    final JsonNode r = ok(a.net.evaluate(officer(ALPINE), "assistance:get", ref(id))).json();
    final JsonNode s = r.get("progress").get("subjectRequests").get(0);
    assertThat(s.get("kind").asText()).isEqualTo("RECTIFY");
    assertThat(s.get("by").asText()).isEqualTo(HARBOUR);
    assertThat(r.toString()).doesNotContain("date of birth");
    assertThat(utf8(a.pairPrivate(privateKey(id, "subject", 1)))).contains("date of birth");
    assertThat(a.lastEvent()).isEqualTo("regnet.assistance.subjectRequestRecorded");
  }

  @Test
  void a_restriction_stops_content_reads_until_it_is_lifted() {
    ok(record(ALPINE, "RESTRICT"));
    assertThat(a.net.evaluate(officer(HARBOUR), "assistance:content", ref(id)).message())
        .contains("INVALID_STATE", "Art. 18");
    assertThat(record(HARBOUR, "RESTRICT").errorCode()).isEqualTo("CONFLICT");
    ok(record(ALPINE, "LIFT_RESTRICTION"));
    ok(a.net.evaluate(officer(HARBOUR), "assistance:content", ref(id)));
    assertThat(record(ALPINE, "LIFT_RESTRICTION").errorCode()).isEqualTo("INVALID_STATE");
  }

  @Test
  void only_the_parties_record_subject_requests() {
    assertThat(record(LAGOON, "ANNOTATE").errorCode()).isEqualTo("ACCESS_DENIED");
  }
}
