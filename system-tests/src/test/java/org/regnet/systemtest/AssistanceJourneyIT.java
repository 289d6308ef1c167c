package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Requests for assistance through the nodes on the real network: A asks B; B acknowledges and
 * answers in part, refusing one item on the MiCA Art. 95 ground, while C's peer holds no trace of
 * the reply; a request whose due date passes is recorded overdue and shows in B's inbox; A notices
 * a compelled disclosure, which reaches B's inbox while recording the disclosure is still refused;
 * A shares information with B without a request (2024/2545 Art. 10): B lists and reads it, C can
 * neither read it nor find it on its peer; the statistics both sides read match the history
 * scripted here, the unsolicited information counted apart, as JSON and CSV; the request exports as
 * auth.001 XML. The purge at the end of retention has a network of its own (PurgeIT: retention is
 * counted in days, so it runs the clocks of a node and two chaincode servers ahead).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssistanceJourneyIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-ASSISTANCE";
  private static TestNetwork net;
  private static NodeClient nodeA, nodeB, nodeC;
  private static String officerA, officerB, officerC, investigatorA;
  private static String agreementId;
  private static String answeredId, overdueId, unsolicitedId;
  private static String replyMarker;

  @BeforeAll
  static void treatyAndAgreement() {
    net = TestNetwork.shared();
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    nodeC = new NodeClient(net.organization(C));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    String treaty =
        """
        {"treatyId":"%s","name":"Assistance journey",
         "terms":{"dataClasses":["TRADE_DATA","ORDER_BOOK_DATA","ON_CHAIN_ANALYTICS"],
             "permittedUses":["INVESTIGATION","ENFORCEMENT"],
             "responseDeadlineDays":30,"retentionDays":30,
             "refusalGrounds":["PUBLIC_INTEREST","PREJUDICE_TO_OWN_INVESTIGATION"],
             "objectionWindowDays":1},
         "members":[{"msp":"%s","jurisdiction":"CH","signatory":"EMMOU"},
                    {"msp":"%s","jurisdiction":"SG","signatory":"EMMOU"},
                    {"msp":"%s","jurisdiction":"BR"}]}"""
            .formatted(TREATY, msp(A), msp(B), msp(C));
    ok(nodeA.call("POST", "/v1/treaties", treaty, adminA));
    agreementId =
        ok(nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, msp(B)), adminA))
            .body()
            .get("agreementId")
            .asText();
    ok(nodeB.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminB));
    officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    investigatorA = NodeClient.login(nodeA, net.organization(A), "investigator");
    officerB = NodeClient.login(nodeB, net.organization(B), "case-officer");
    officerC = NodeClient.login(nodeC, net.organization(C), "case-officer");
  }

  private static String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  private static Answer ok(Answer a) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a;
  }

  private static String submit(String dueDate) {
    String body =
        """
        {"agreementId":"%s","instrumentClass":"PERPETUAL_FUTURE","dataClasses":["TRADE_DATA"],
         "purposes":["INVESTIGATION"],"urgency":"ROUTINE"%s,
         "payload":{"items":[{"type":"BANK_RECORDS","description":"Statements of ACC-77"},
                             {"type":"TELEPHONE_RECORDS","description":"Call records of the trader"}],
           "facts":"Layered spoof orders on BTC perpetuals.","purpose":"Identify the controller.",
           "provisionsBreached":["MAR Art. 12(1)(a)"],"subjects":[{"name":"Jane Trader"}],
           "legalMandate":{"paragraph":"EMMoU para 3"},"confidential":true,
           "investigationPeriod":{"from":"2024-01-01","to":"2024-06-30"}}}"""
            .formatted(agreementId, dueDate == null ? "" : ",\"dueDate\":\"" + dueDate + "\"");
    return ok(nodeA.call("POST", "/v1/assistance", body, officerA))
        .body()
        .get("requestId")
        .asText();
  }

  /** Waits for a condition the network brings about (an event's delivery, a clock passing). */
  private static <T> T eventually(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("never happened: " + what);
  }

  private static JsonNode inboxEvent(NodeClient node, String token, String event, String id) {
    for (JsonNode e :
        node.call("GET", "/v1/inbox?after=0&limit=500", null, token).body().path("items")) {
      if (e.path("event").asText().equals(event) && e.path("objectId").asText().equals(id)) {
        return e;
      }
    }
    return null;
  }

  @Test
  @Order(1)
  void a_partial_refusal_reaches_the_requester_and_the_third_authority_holds_no_trace() {
    answeredId = submit(null);
    ok(
        nodeB.call(
            "POST",
            "/v1/assistance/" + answeredId + "/acknowledge",
            "{\"estimatedReplyAt\":\"2099-01-01T00:00:00Z\"}",
            officerB));
    replyMarker = Requests.marker();
    Answer replied =
        nodeB.call(
            "POST",
            "/v1/assistance/" + answeredId + "/replies",
            """
            {"finalReply":true,
             "items":[{"itemNo":1,"outcome":"PROVIDED"},
                      {"itemNo":2,"outcome":"REFUSED","refusalGround":"PREJUDICE_TO_OWN_INVESTIGATION"}],
             "message":"Statements attached %s; call records would prejudice our own case.",
             "documents":[{"documentId":"DOC-1","sha256":"%s"}]}"""
                .formatted(replyMarker, "ab".repeat(32)),
            officerB);
    ok(replied);
    assertThat(replied.body().toString()).doesNotContain(replyMarker);

    JsonNode seen = ok(nodeA.call("GET", "/v1/assistance/" + answeredId, null, officerA)).body();
    assertThat(seen.path("progress").path("status").asText()).isEqualTo("ANSWERED");
    JsonNode items = seen.path("progress").path("replies").path(0).path("items");
    assertThat(items.path(0).path("outcome").asText()).isEqualTo("PROVIDED");
    assertThat(items.path(1).path("refusalGround").asText())
        .isEqualTo("PREJUDICE_TO_OWN_INVESTIGATION");

    Path peerC = net.network().layout().peerHome(net.network().definition().organizations().get(C));
    Path peerB = net.network().layout().peerHome(net.network().definition().organizations().get(B));
    assertThat(LeakScan.filesContaining(peerC, replyMarker)).isEmpty();
    assertThat(LeakScan.filesContaining(peerB, replyMarker)).isNotEmpty();
  }

  @Test
  @Order(2)
  void a_request_past_its_due_date_is_recorded_overdue_and_shows_in_the_inbox()
      throws InterruptedException {
    Instant due = Instant.now().plusSeconds(20);
    overdueId = submit(due.toString());
    Answer marked =
        eventually(
            "the due date passes",
            () -> {
              Answer a =
                  nodeA.call(
                      "POST", "/v1/assistance/" + overdueId + "/overdue", null, investigatorA);
              return a.status() == 200 ? a : null;
            });
    assertThat(marked.body().path("progress").path("overdue").path(0).path("kind").asText())
        .isEqualTo("REPLY");
    JsonNode event =
        eventually(
            "B's inbox shows the overdue event",
            () -> inboxEvent(nodeB, officerB, "regnet.assistance.overdue", overdueId));
    assertThat(event.path("objectId").asText()).isEqualTo(overdueId);
    assertThat(
            nodeA
                .call("POST", "/v1/assistance/" + overdueId + "/overdue", null, investigatorA)
                .status())
        .isEqualTo(409);
  }

  @Test
  @Order(3)
  void a_compelled_disclosure_is_noticed_to_the_other_party_before_it_can_be_recorded()
      throws InterruptedException {
    ok(
        nodeA.call(
            "POST",
            "/v1/assistance/" + answeredId + "/disclosures",
            "{\"body\":\"Zurich public prosecutor\",\"message\":\"Production order under StPO Art. 265\"}",
            officerA));
    JsonNode notice =
        eventually(
            "B's inbox shows the notice",
            () -> inboxEvent(nodeB, officerB, "regnet.assistance.disclosureNoticed", answeredId));
    assertThat(notice).isNotNull();
    Answer early =
        nodeA.call(
            "POST",
            "/v1/assistance/" + answeredId + "/disclosure-records",
            "{\"seq\":1}",
            officerA);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.code()).isEqualTo("INVALID_STATE");
    JsonNode d =
        ok(nodeB.call("GET", "/v1/assistance/" + answeredId, null, officerB))
            .body()
            .path("progress")
            .path("disclosures")
            .path(0);
    assertThat(d.path("status").asText()).isEqualTo("NOTIFIED");
    assertThat(d.path("by").asText()).isEqualTo(msp(A));
  }

  @Test
  @Order(4)
  void unsolicited_information_reaches_only_its_recipient() {
    String marker = Requests.marker();
    Answer offered =
        nodeA.call(
            "POST",
            "/v1/assistance/unsolicited",
            """
            {"agreementId":"%s","recipient":"%s","instrumentClass":"PERPETUAL_FUTURE",
             "dataClasses":["TRADE_DATA"],"purposes":["INVESTIGATION"],
             "payload":{"information":"Wallet trace %s points to an exchange you supervise.",
               "message":"Shared without a request under MMoU para 9.",
               "documents":[{"documentId":"DOC-U1","sha256":"%s","description":"trace"}]}}"""
                .formatted(agreementId, msp(B), marker, "cd".repeat(32)),
            officerA);
    ok(offered);
    unsolicitedId = offered.body().path("requestId").asText();
    assertThat(offered.body().path("unsolicited").asBoolean()).isTrue();
    assertThat(offered.body().path("progress").path("status").asText()).isEqualTo("ANSWERED");
    assertThat(offered.body().toString()).doesNotContain(marker);

    assertThat(ok(nodeB.call("GET", "/v1/assistance/inbox", null, officerB)).body().toString())
        .contains(unsolicitedId);
    JsonNode content =
        ok(nodeB.call("GET", "/v1/assistance/" + unsolicitedId + "/content", null, officerB))
            .body();
    assertThat(content.path("payload").path("information").asText()).contains(marker);
    assertThat(content.path("request").path("requested").asText()).isEqualTo(msp(A));

    assertThat(nodeC.call("GET", "/v1/assistance/" + unsolicitedId, null, officerC).status())
        .isIn(403, 404);
    assertThat(
            nodeC
                .call("GET", "/v1/assistance/" + unsolicitedId + "/content", null, officerC)
                .status())
        .isIn(403, 404);
    // no request, so no auth.001 export of it
    assertThat(
            nodeB
                .call("GET", "/v1/assistance/" + unsolicitedId + "/auth001", null, officerB)
                .status())
        .isEqualTo(409);
    Path peerC = net.network().layout().peerHome(net.network().definition().organizations().get(C));
    Path peerB = net.network().layout().peerHome(net.network().definition().organizations().get(B));
    assertThat(LeakScan.filesContaining(peerC, marker)).isEmpty();
    assertThat(LeakScan.filesContaining(peerB, marker)).isNotEmpty();
  }

  @Test
  @Order(5)
  void statistics_match_the_scripted_history_on_both_sides_as_json_and_csv() {
    JsonNode answered =
        ok(nodeA.call("GET", "/v1/assistance/" + answeredId, null, officerA)).body();
    // whole seconds of the duration, as the statistics count them (not a difference of epoch
    // seconds, which is one more when the two instants straddle a second boundary)
    Instant created = Instant.parse(answered.path("createdAt").asText());
    long ack =
        java.time.Duration.between(
                created, Instant.parse(answered.path("progress").path("acknowledgedAt").asText()))
            .getSeconds();
    long fin =
        java.time.Duration.between(
                created, Instant.parse(answered.path("progress").path("finalReplyAt").asText()))
            .getSeconds();

    JsonNode a =
        ok(nodeA.call("GET", "/v1/assistance/statistics?counterparty=" + msp(B), null, officerA))
            .body();
    JsonNode sent = a.path("counterparties").path(0).path("sent");
    assertThat(sent.path("requests").asInt()).isEqualTo(2);
    assertThat(sent.path("acknowledged").asInt()).isEqualTo(1);
    assertThat(sent.path("answered").asInt()).isEqualTo(1);
    assertThat(sent.path("overdue").asInt()).isEqualTo(1);
    assertThat(sent.path("acknowledgeMedianSeconds").asLong()).isEqualTo(ack);
    assertThat(sent.path("finalReplyP90Seconds").asLong()).isEqualTo(fin);
    assertThat(sent.path("refusalsByGround").path("PREJUDICE_TO_OWN_INVESTIGATION").asInt())
        .isEqualTo(1);
    // the unsolicited information is counted apart, neither a request nor a reply time
    assertThat(a.path("counterparties").path(0).path("unsolicitedSent").asInt()).isEqualTo(1);
    assertThat(a.path("counterparties").path(0).path("unsolicitedReceived").asInt()).isZero();
    assertThat(a.path("counterparties").path(0).path("received").path("requests").asInt()).isZero();

    JsonNode b =
        ok(nodeB.call("GET", "/v1/assistance/statistics?counterparty=" + msp(A), null, officerB))
            .body();
    assertThat(b.path("counterparties").path(0).path("received")).isEqualTo(sent);
    assertThat(b.path("counterparties").path(0).path("unsolicitedReceived").asInt()).isEqualTo(1);

    String csv =
        ok(nodeA.call("GET", "/v1/assistance/statistics?format=csv", null, officerA))
            .body()
            .path("raw")
            .asText();
    assertThat(csv)
        .contains(
            msp(A)
                + ","
                + msp(B)
                + ",sent,2,1,1,1,1,"
                + ack
                + ","
                + ack
                + ","
                + fin
                + ","
                + fin
                + ",PREJUDICE_TO_OWN_INVESTIGATION=1");
  }

  @Test
  @Order(6)
  void a_request_exports_as_auth001_xml() {
    String xml =
        ok(nodeB.call("GET", "/v1/assistance/" + answeredId + "/auth001", null, officerB))
            .body()
            .path("raw")
            .asText();
    assertThat(xml)
        .contains("urn:iso:std:iso:20022:tech:xsd:auth.001.001.02")
        .contains("<InvstgtnId>" + answeredId + "</InvstgtnId>")
        .contains("<Prgrph>EMMoU para 3</Prgrph>")
        .contains("<CnfdtltySts>true</CnfdtltySts>");
  }
}
