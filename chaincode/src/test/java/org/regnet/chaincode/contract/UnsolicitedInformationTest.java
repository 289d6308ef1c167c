package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.privateKey;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.AssistanceFixture.utf8;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork;

/**
 * Unsolicited information (2024/2545 Art. 10, decision 0031): a request-less reply, checked against
 * the agreement as a request is, held only by its two parties, counted apart.
 */
class UnsolicitedInformationTest {

  private static final String CONTENT =
      """
      {"information":"Wallet 0xabc moved 4,000 BTC to an exchange you supervise: UNSOLICITED-7",
       "message":"Shared under MMoU para 9 without a request.",
       "documents":[{"documentId":"DOC-9","sha256":"%s","description":"wallet trace"}]}"""
          .formatted("ab".repeat(32));

  private final AssistanceFixture a = new AssistanceFixture();

  private String offer(final String recipient) {
    return offer(recipient, "TRADE_DATA", "INVESTIGATION");
  }

  private String offer(final String recipient, final String dataClass, final String purpose) {
    return """
        {"agreementId":"%s","recipient":"%s","instrumentClass":"PERPETUAL_FUTURE",
         "dataClasses":["%s"],"purposes":["%s"]}"""
        .formatted(a.agreementId, recipient, dataClass, purpose);
  }

  private TestNetwork.Result offered(final Identity who, final String request) {
    return a.net.submit(who, "assistance:offer", request, payload(CONTENT));
  }

  @Test
  void the_recipient_holds_it_answered_with_the_providers_final_reply_and_no_deadlines() {
    final String id = ok(offered(officer(ALPINE), offer(HARBOUR))).json().get("requestId").asText();

    final JsonNode r = ok(a.net.evaluate(officer(HARBOUR), "assistance:get", ref(id))).json();
    assertThat(r.get("unsolicited").asBoolean()).isTrue();
    assertThat(r.get("requester").asText()).isEqualTo(HARBOUR);
    assertThat(r.get("requested").asText()).isEqualTo(ALPINE);
    assertThat(r.get("progress").get("status").asText()).isEqualTo("ANSWERED");
    assertThat(r.get("progress").get("finalReplyAt").asText())
        .isEqualTo(r.get("createdAt").asText());
    assertThat(r.get("progress").get("replies").get(0).get("finalReply").asBoolean()).isTrue();
    assertThat(r.has("acknowledgeDueAt")).isFalse();
    assertThat(r.has("replyDueAt")).isFalse();
    assertThat(r.get("progress").has("acknowledgedAt")).isFalse();

    // the recipient reads the content; it lands in the recipient's inbox, the provider's outbox
    final JsonNode content =
        ok(a.net.evaluate(officer(HARBOUR), "assistance:content", ref(id))).json();
    assertThat(content.get("payload").get("information").asText()).contains("UNSOLICITED-7");
    assertThat(content.get("payload").get("documents").get(0).get("documentId").asText())
        .isEqualTo("DOC-9");
    assertThat(inbox(officer(HARBOUR), "assistance:listInbox")).contains(id);
    assertThat(inbox(officer(ALPINE), "assistance:listOutbox")).contains(id);
    assertThat(inbox(officer(ALPINE), "assistance:listInbox")).doesNotContain(id);
    assertThat(inbox(officer(HARBOUR), "assistance:listOutbox")).doesNotContain(id);

    // only the pair's collection holds it; no public key or value names its content
    assertThat(utf8(a.pairPrivate(privateKey(id, "request", 0)))).contains("UNSOLICITED-7");
    assertThat(utf8(a.pairPrivate(privateKey(id, "reply", 1)))).contains("DOC-9");
    assertThat(a.lagoonPrivate(ALPINE, privateKey(id, "request", 0))).isNull();
    assertThat(a.lagoonPrivate(HARBOUR, privateKey(id, "request", 0))).isNull();
    final String publicState =
        a.net.ledger().keys().stream()
            .map(k -> k + utf8(a.net.ledger().state(k)))
            .reduce("", String::concat);
    assertThat(publicState).doesNotContain("UNSOLICITED-7", id);
    assertThat(a.net.evaluate(officer(LAGOON), "assistance:get", ref(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(a.net.evaluate(officer(LAGOON), "assistance:content", ref(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void it_has_no_reply_leg_and_no_deadline_to_miss() {
    final String id = ok(offered(officer(ALPINE), offer(HARBOUR))).json().get("requestId").asText();
    a.net.advance(Duration.ofDays(400));

    assertThat(a.net.submit(officer(HARBOUR), "assistance:markOverdue", ref(id)).errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(a.net.submit(officer(ALPINE), "assistance:markOverdue", ref(id)).errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(
            a.net
                .submit(
                    officer(ALPINE),
                    "assistance:acknowledge",
                    "{\"requestId\":\"" + id + "\",\"updateFrequencyDays\":5}")
                .errorCode())
        .isEqualTo("INVALID_STATE");
    assertThat(
            a.net
                .submit(
                    officer(ALPINE),
                    "assistance:reply",
                    "{\"requestId\":\"%s\",\"finalReply\":true,\"items\":[{\"itemNo\":1,\"outcome\":\"PROVIDED\"}]}"
                        .formatted(id),
                    payload("{\"message\":\"again\"}"))
                .errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void statistics_count_it_apart_from_requests_and_their_times() {
    ok(offered(officer(ALPINE), offer(HARBOUR)));
    ok(offered(officer(HARBOUR), offer(ALPINE)));
    ok(offered(officer(HARBOUR), offer(ALPINE)));
    a.submitted();

    final JsonNode alpine =
        ok(a.net.evaluate(auditor(ALPINE), "assistance:statistics", "{}"))
            .json()
            .get("counterparties")
            .get(0);
    assertThat(alpine.get("counterparty").asText()).isEqualTo(HARBOUR);
    assertThat(alpine.get("unsolicitedSent").asInt()).isEqualTo(1);
    assertThat(alpine.get("unsolicitedReceived").asInt()).isEqualTo(2);
    assertThat(alpine.get("sent").get("requests").asInt()).isEqualTo(1);
    assertThat(alpine.get("sent").get("answered").asInt()).isZero();
    assertThat(alpine.get("received").get("requests").asInt()).isZero();
    assertThat(alpine.get("received").has("finalReplyMedianSeconds")).isFalse();

    final JsonNode harbour =
        ok(a.net.evaluate(auditor(HARBOUR), "assistance:statistics", "{}"))
            .json()
            .get("counterparties")
            .get(0);
    assertThat(harbour.get("unsolicitedSent").asInt()).isEqualTo(2);
    assertThat(harbour.get("unsolicitedReceived").asInt()).isEqualTo(1);
    assertThat(harbour.get("received").get("requests").asInt()).isEqualTo(1);
    assertThat(harbour.get("sent").get("requests").asInt()).isZero();
  }

  @Test
  void refusals_name_the_broken_rule_and_change_nothing() {
    final int before = a.net.ledger().committed().size();
    final Map<String, String> refusals =
        Map.of(
            "self", error(officer(ALPINE), offer(ALPINE)),
            "third party recipient", error(officer(ALPINE), offer(LAGOON)),
            "non-member recipient", error(officer(ALPINE), offer(DELTA)),
            "caller not a party", error(officer(LAGOON), offer(HARBOUR)),
            "investigator", error(investigator(ALPINE), offer(HARBOUR)),
            "auditor", error(auditor(ALPINE), offer(HARBOUR)),
            "data class out of scope",
                error(officer(ALPINE), offer(HARBOUR, "ORDER_BOOK_DATA", "INVESTIGATION")),
            "purpose out of scope",
                error(officer(ALPINE), offer(HARBOUR, "TRADE_DATA", "MARKET_SURVEILLANCE")),
            "no information",
                a.net
                    .submit(
                        officer(ALPINE),
                        "assistance:offer",
                        offer(HARBOUR),
                        payload("{\"message\":\"nothing\"}"))
                    .errorCode());
    assertThat(refusals)
        .containsEntry("self", "VALIDATION_FAILED")
        .containsEntry("third party recipient", "OUT_OF_SCOPE")
        .containsEntry("non-member recipient", "OUT_OF_SCOPE")
        .containsEntry("caller not a party", "ACCESS_DENIED")
        .containsEntry("investigator", "ACCESS_DENIED")
        .containsEntry("auditor", "ACCESS_DENIED")
        .containsEntry("data class out of scope", "OUT_OF_SCOPE")
        .containsEntry("purpose out of scope", "OUT_OF_SCOPE")
        .containsEntry("no information", "VALIDATION_FAILED");

    a.net.advance(Duration.ofDays(400)); // past the agreement's validUntil
    assertThat(error(officer(ALPINE), offer(HARBOUR))).isEqualTo("INVALID_STATE");
    assertThat(a.net.ledger().committed()).hasSize(before);
  }

  private String error(final Identity who, final String request) {
    return offered(who, request).errorCode();
  }

  private String inbox(final Identity who, final String tx) {
    return ok(a.net.evaluate(who, tx, "{}")).json().get("items").toString();
  }
}
