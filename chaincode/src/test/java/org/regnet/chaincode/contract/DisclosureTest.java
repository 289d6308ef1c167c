package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.message;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;

class DisclosureTest {

  private final AssistanceFixture a = new AssistanceFixture();
  private String id;

  @BeforeEach
  void answered() {
    id = a.submitted();
    ok(a.acknowledge(id));
    ok(
        a.reply(
            id,
            true,
            "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},{\"itemNo\":2,\"outcome\":\"PROVIDED\"}]"));
  }

  private String seq(final String who, final String fn) {
    return a.net
        .submit(officer(who), "assistance:" + fn, "{\"requestId\":\"" + id + "\",\"seq\":1}")
        .errorCode();
  }

  private void notice() {
    ok(
        a.net.submit(
            officer(ALPINE),
            "assistance:noticeDisclosure",
            "{\"requestId\":\"" + id + "\",\"body\":\"Zurich public prosecutor\"}",
            message("Production order of 2025-03-02 under StPO Art. 265")));
  }

  private JsonNode disclosure() {
    return ok(a.net.evaluate(officer(HARBOUR), "assistance:get", ref(id)))
        .json()
        .get("progress")
        .get("disclosures")
        .get(0);
  }

  @Test
  void the_notice_comes_before_the_disclosure_can_be_recorded() {
    notice();
    assertThat(disclosure().get("status").asText()).isEqualTo("NOTIFIED");
    assertThat(disclosure().get("by").asText()).isEqualTo(ALPINE);
    assertThat(a.lastEvent()).isEqualTo("regnet.assistance.disclosureNoticed");
    assertThat(seq(ALPINE, "recordDisclosure")).isEqualTo("INVALID_STATE");
    a.net.advance(Duration.ofDays(8));
    assertThat(seq(HARBOUR, "recordDisclosure")).isEqualTo("ACCESS_DENIED");
    assertThat(seq(ALPINE, "recordDisclosure")).isNull();
    assertThat(disclosure().get("status").asText()).isEqualTo("DISCLOSED");
    assertThat(seq(ALPINE, "recordDisclosure")).isEqualTo("CONFLICT");
  }

  @Test
  void the_other_party_objects_within_the_window_and_the_objection_stays_on_record() {
    notice();
    assertThat(seq(ALPINE, "objectDisclosure")).isEqualTo("ACCESS_DENIED");
    assertThat(seq(HARBOUR, "objectDisclosure")).isNull();
    a.net.advance(Duration.ofDays(8));
    assertThat(seq(ALPINE, "recordDisclosure")).isNull();
    final JsonNode d = disclosure();
    assertThat(d.get("status").asText()).isEqualTo("DISCLOSED");
    assertThat(d.get("objectedAt").isNull()).isFalse();
  }

  @Test
  void an_objection_after_the_window_is_refused() {
    notice();
    a.net.advance(Duration.ofDays(8));
    assertThat(seq(HARBOUR, "objectDisclosure")).isEqualTo("INVALID_STATE");
  }
}
