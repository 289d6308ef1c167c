package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Retention that ends, on a real network of its own (issue 14 item 5, decision 0022). A request for
 * assistance A -> B is answered; the treaty keeps its content 30 days. Retention is counted in
 * whole days, and both Fabric (the peers' proposal time window) and the chaincode (each endorsing
 * peer's clock) bound a purge's timestamp, so the test lets a month pass the only honest way: the
 * processes that read the time (A's node, which dates the proposal, and A's and B's chaincode
 * servers, the endorsing peers' clocks) are restarted 31 days ahead with libfaketime, and the
 * parties' peers (Go binaries, which libfaketime cannot shift) get a proposal time window wider
 * than the month. The retention rule is not weakened and no test-only unit exists.
 *
 * <ol>
 *   <li>Today the purge is refused: retention runs.
 *   <li>A's node alone a month ahead (a client forging its timestamp): the endorsing peers refuse,
 *       by Fabric's time window and, with that window widened, by the chaincode's clock check.
 *   <li>A's node and both parties' chaincode servers a month ahead: the purge goes through; the
 *       content is gone from A's peer and from B's peer (each read on its own peer), the record
 *       keeps its hash and {@code purgedAt}, and an auditor of each party reads the deletion
 *       record. The document B sent A with the reply leaves both nodes' evidence stores too: each
 *       node deletes its key and chunks on the purge event, keeps the description with {@code
 *       deletedAt}, and no longer serves it (decision 0030).
 *   <li>A college of all three, closed on the first day (decision 0035), leaves the peers pair by
 *       pair: A's node purges its two pairs, B still reads what C shared with it until C's node, a
 *       month ahead too, purges C's pair with B; then no member reads any item and each sees two
 *       deletion records.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurgeIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-PURGE";

  /** libfaketime as Debian installs it (scripts/install-faketime.sh). */
  private static final Path FAKETIME =
      Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

  private static final Map<String, String> A_MONTH_AHEAD =
      Map.of(
          "LD_PRELOAD",
          FAKETIME.toString(),
          // The monotonic clock moves with it: with FAKETIME_DONT_FAKE_MONOTONIC=1, Debian's
          // libfaketime 0.9.10 ends every timed wait on the monotonic clock at once (fixed upstream
          // in 2025), so each parked JVM thread spins. Measured: 3.6 CPU-s for 3.5 s of parking
          // (0.3 without it), a chaincode server listening after 22 to 33 s (4 without it), and
          // in CI three such JVMs starved a fourth past its 90 s start.
          "FAKETIME",
          "+31d");

  /** Fabric's proposal time window on the parties' peers, widened past the month. */
  private static final Map<String, String> WIDE_TIME_WINDOW =
      Map.of("CORE_PEER_AUTHENTICATION_TIMEWINDOW", "2000h");

  private static TestNetwork net;
  private static NodeClient nodeA, nodeB;
  private static String officerA, officerB;
  private static String requestId;
  private static String marker;
  private static NodeClient nodeC;
  private static String officerC;
  private static String collegeId;
  private static String collegeMarker;
  private static final String DOCUMENT = "doc-it-purge-0001";

  @BeforeAll
  static void answeredRequest() {
    assertThat(FAKETIME).as("libfaketime: run scripts/install-faketime.sh").isRegularFile();
    net = TestNetwork.start(5_000, "it-purge", List.of(new NodesExtension()));
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    String treaty =
        """
        {"treatyId":"%s","name":"Retention that ends",
         "terms":{"dataClasses":["TRADE_DATA","ORDER_BOOK_DATA","ON_CHAIN_ANALYTICS"],
             "permittedUses":["INVESTIGATION","ENFORCEMENT"],
             "responseDeadlineDays":30,"retentionDays":30,
             "refusalGrounds":["PUBLIC_INTEREST"],"objectionWindowDays":1},
         "members":[{"msp":"%s","jurisdiction":"CH","signatory":"EMMOU"},
                    {"msp":"%s","jurisdiction":"SG","signatory":"EMMOU"},
                    {"msp":"%s","jurisdiction":"BR"}]}"""
            .formatted(TREATY, msp(A), msp(B), msp(C));
    ok(nodeA.call("POST", "/v1/treaties", treaty, adminA));
    String agreementId =
        ok(nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, msp(B)), adminA))
            .body()
            .get("agreementId")
            .asText();
    ok(nodeB.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminB));
    officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    officerB = NodeClient.login(nodeB, net.organization(B), "case-officer");
    marker = Requests.marker();
    String body =
        """
        {"agreementId":"%s","instrumentClass":"PERPETUAL_FUTURE","dataClasses":["TRADE_DATA"],
         "purposes":["INVESTIGATION"],"urgency":"ROUTINE",
         "payload":{"items":[{"type":"BANK_RECORDS","description":"Statements of %s"}],
           "facts":"Layered spoof orders on BTC perpetuals.","purpose":"Identify the controller.",
           "provisionsBreached":["MAR Art. 12(1)(a)"],"subjects":[{"name":"Jane Trader"}],
           "legalMandate":{"paragraph":"EMMoU para 3"},"confidential":true,
           "investigationPeriod":{"from":"2024-01-01","to":"2024-06-30"}}}"""
            .formatted(agreementId, marker);
    requestId =
        ok(nodeA.call("POST", "/v1/assistance", body, officerA)).body().get("requestId").asText();
    ok(
        nodeB.call(
            "POST",
            "/v1/assistance/" + requestId + "/acknowledge",
            "{\"estimatedReplyAt\":\"2099-01-01T00:00:00Z\"}",
            officerB));
    String sha256 = sendDocument();
    ok(
        nodeB.call(
            "POST",
            "/v1/assistance/" + requestId + "/replies",
            """
            {"finalReply":true,"items":[{"itemNo":1,"outcome":"PROVIDED"}],
             "message":"Statements provided.",
             "documents":[{"documentId":"%s","sha256":"%s","description":"Statements"}]}"""
                .formatted(DOCUMENT, sha256),
            officerB));
    // positive control: A's node holds the document, verified, and serves it
    JsonNode listed = evidence(nodeA, officerA).path("items").path(0);
    assertThat(listed.path("verified").asBoolean()).as(listed.toString()).isTrue();
    assertThat(listed.has("deletedAt")).isFalse();
    assertThat(stored(A)).contains("data.enc", "key.sealed");
    // a college of all three (decision 0035): A and C share in it, then A closes it, so its
    // retention of 30 days starts now
    nodeC = new NodeClient(net.organization(C));
    officerC = NodeClient.login(nodeC, net.organization(C), "case-officer");
    collegeMarker = Requests.marker();
    collegeId =
        ok(nodeA.call(
                "POST",
                "/v1/colleges",
                "{\"treatyId\":\"%s\",\"title\":\"Retention\",\"members\":[\"%s\",\"%s\",\"%s\"]}"
                    .formatted(TREATY, msp(A), msp(B), msp(C)),
                officerA))
            .body()
            .get("college")
            .get("collegeId")
            .asText();
    String shareBody = "{\"title\":\"t\",\"information\":\"%s\"}".formatted(collegeMarker);
    ok(nodeA.call("POST", "/v1/colleges/" + collegeId + "/items", shareBody, officerA));
    ok(nodeC.call("POST", "/v1/colleges/" + collegeId + "/items", shareBody, officerC));
    JsonNode closed =
        ok(nodeA.call("POST", "/v1/colleges/" + collegeId + "/close", null, officerA)).body();
    assertThat(closed.path("closedAt").asText()).isNotBlank();
    assertThat(
            nodeC.call("POST", "/v1/colleges/" + collegeId + "/items", shareBody, officerC).code())
        .isEqualTo("INVALID_STATE");
    // positive control: both parties' peers hold the content today
    assertThat(content(nodeA, officerA).status()).isEqualTo(200);
    assertThat(content(nodeA, officerA).body().toString()).contains(marker);
    assertThat(content(nodeB, officerB).body().toString()).contains(marker);
  }

  /** B stores a 3 MiB document for A under the request and sends it; answers its SHA-256. */
  private static String sendDocument() {
    try {
      byte[] doc = new byte[3 * 1024 * 1024 + 11];
      new Random(14).nextBytes(doc);
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(doc));
      Path file = Files.createTempDirectory(Path.of("target"), "purge-it").resolve("doc.bin");
      Files.write(file, doc);
      try {
        ok(
            nodeB.upload(
                "PUT",
                "/v1/evidence/%s?caseRef=rfa:%s&receiver=%s&sha256=%s&size=%d&offset=0"
                    .formatted(DOCUMENT, requestId, msp(A), sha256, doc.length),
                file,
                officerB));
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
      }
      Answer sent = ok(nodeB.slowCall("POST", "/v1/evidence/" + DOCUMENT + "/send", officerB));
      assertThat(sent.body().path("delivered").asBoolean()).isTrue();
      return sha256;
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode evidence(NodeClient node, String token) {
    return ok(node.call("GET", "/v1/evidence/cases/rfa/" + requestId, null, token)).body();
  }

  /** The files of the document in authority {@code i}'s node's evidence store. */
  private static List<String> stored(int i) {
    Path dir = net.network().layout().nodeHome(org(i)).resolve("data/evidence").resolve(DOCUMENT);
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  private static OrganizationDefinition org(int i) {
    return net.network().definition().organizations().get(i);
  }

  private static Answer ok(Answer a) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a;
  }

  private static Answer content(NodeClient node, String token) {
    return node.call("GET", "/v1/assistance/" + requestId + "/content", null, token);
  }

  private static Answer collegePurge(NodeClient node, String token) {
    return node.call("POST", "/v1/colleges/" + collegeId + "/purge", null, token);
  }

  private static JsonNode collegeView(NodeClient node, String token) {
    return ok(node.call("GET", "/v1/colleges/" + collegeId, null, token)).body();
  }

  private static Answer purge() {
    return nodeA.call("POST", "/v1/assistance/" + requestId + "/purge", null, officerA);
  }

  /**
   * {@code call}, asked again while the network answers 503 because a restarted peer or chaincode
   * server is not yet reconnected (gossip, gateway); bounded.
   */
  private static Answer onceReconnected(java.util.function.Supplier<Answer> call)
      throws InterruptedException {
    Answer a = call.get();
    for (int attempt = 0; attempt < 60 && a.status() == 503; attempt++) {
      Thread.sleep(2000);
      a = call.get();
    }
    return a;
  }

  /** Restarts authority {@code i}'s node with {@code env} and logs its case officer in again. */
  private static void restartNode(int i, Map<String, String> env) {
    OrganizationDefinition o = org(i);
    net.network().supervisor().stop(o.nodeHostName(), Duration.ofSeconds(20));
    ProcessRecord node = NodesExtension.startNode(net.network(), o, env);
    Ports.awaitListening(
        o.node().endpoint(),
        node,
        net.network().supervisor().logFile(node.name()),
        Duration.ofSeconds(120));
    if (i == A) {
      officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    } else if (i == C) {
      officerC = NodeClient.login(nodeC, net.organization(C), "case-officer");
    }
  }

  @Test
  @Order(1)
  void today_the_purge_is_refused_because_retention_runs() {
    Answer refused = purge();
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("INVALID_STATE");
    assertThat(refused.body().toString()).contains("retention runs until");
    assertThat(content(nodeA, officerA).body().toString()).contains(marker);
    Answer college = collegePurge(nodeA, officerA);
    assertThat(college.status()).as(college.body().toString()).isEqualTo(409);
    assertThat(college.body().toString()).contains("retention runs until");
    assertThat(collegeView(nodeB, officerB).path("items")).hasSize(2);
  }

  @Test
  @Order(2)
  void a_client_dating_its_purge_a_month_ahead_is_refused_by_the_endorsing_peers_clocks()
      throws InterruptedException {
    restartNode(A, A_MONTH_AHEAD);
    // Fabric's own guard: each endorsing peer refuses a proposal dated outside its
    // peer.authentication.timewindow (15 minutes by default); the node answers 503.
    Answer byFabric = purge();
    assertThat(byFabric.status()).as(byFabric.body().toString()).isEqualTo(503);
    // With that window widened on both parties' peers (an operator may), the chaincode's own
    // comparison with each endorsing peer's clock still refuses it.
    for (int i : new int[] {A, B}) {
      net.network().restartPeer(org(i), WIDE_TIME_WINDOW);
    }
    Answer refused = onceReconnected(PurgeIT::purge);
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(refused.body().toString()).contains("txTimestamp");
    assertThat(onceReconnected(() -> content(nodeB, officerB)).body().toString()).contains(marker);
  }

  @Test
  @Order(3)
  void a_month_later_the_content_leaves_both_parties_peers_and_the_deletion_record_stays()
      throws InterruptedException, IOException {
    for (int i : new int[] {A, B}) {
      net.network()
          .restartChaincodeServer(
              org(i), net.organization(i).get("chaincodePackageId").asText(), A_MONTH_AHEAD);
    }
    JsonNode purged = ok(onceReconnected(PurgeIT::purge)).body();
    assertThat(purged.path("progress").path("purgedAt").asText()).isNotBlank();

    // gone from each party's own peer (assistance:content reads the caller's own peer)
    for (NodeClient node : new NodeClient[] {nodeA, nodeB}) {
      String token = node == nodeA ? officerA : officerB;
      Answer gone = onceReconnected(() -> content(node, token));
      assertThat(gone.status()).as(gone.body().toString()).isEqualTo(404);
      assertThat(gone.body().toString()).contains("purged").doesNotContain(marker);
    }
    // the record stays, with the content's hash as proof of what was deleted
    JsonNode record = ok(nodeB.call("GET", "/v1/assistance/" + requestId, null, officerB)).body();
    assertThat(record.path("payloadHash").asText()).hasSize(64);
    assertThat(record.path("progress").path("purgedAt").asText())
        .isEqualTo(purged.path("progress").path("purgedAt").asText());

    // the deletion record, read by an auditor of each party
    for (int i : new int[] {A, B}) {
      NodeClient node = i == A ? nodeA : nodeB;
      String auditor = NodeClient.login(node, net.organization(i), "auditor");
      JsonNode trail = ok(node.call("GET", "/v1/audit/objects/" + requestId, null, auditor)).body();
      assertThat(trail.path("items").findValuesAsText("action")).contains("assistance.purged");
    }
    assertThat(purge().code()).isEqualTo("CONFLICT");

    // the document leaves both parties' evidence stores; its description stays, dated
    for (int i : new int[] {A, B}) {
      NodeClient node = i == A ? nodeA : nodeB;
      String token = i == A ? officerA : officerB;
      JsonNode item = evidence(node, token).path("items").path(0);
      for (int tries = 0; tries < 60 && !item.has("deletedAt"); tries++) {
        Thread.sleep(500); // the node deletes on the purge event, which its follower files
        item = evidence(node, token).path("items").path(0);
      }
      assertThat(item.path("deletedAt").asText()).as(item.toString()).isNotBlank();
      assertThat(item.path("sha256").asText()).hasSize(64);
      assertThat(item.path("verified").asBoolean()).isFalse();
      assertThat(stored(i)).containsExactly("deleted", "meta.json");
    }
    Path copy = Files.createTempFile(Path.of("target"), "purge-it", ".bin");
    try {
      var got = nodeA.download("/v1/evidence/" + DOCUMENT + "/content", officerA, copy);
      assertThat(got.statusCode()).isEqualTo(410);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  @Test
  @Order(4)
  void a_month_after_its_close_a_college_leaves_every_members_peer_pair_by_pair()
      throws InterruptedException {
    // C's peer and chaincode server join the month: A's pair with C, and C's own pairs, are
    // endorsed there. B's pair with C is purged by C, whose node is then a month ahead too.
    net.network().restartPeer(org(C), WIDE_TIME_WINDOW);
    net.network()
        .restartChaincodeServer(
            org(C), net.organization(C).get("chaincodePackageId").asText(), A_MONTH_AHEAD);
    JsonNode byA = ok(onceReconnected(() -> collegePurge(nodeA, officerA))).body();
    assertThat(byA.path("purges")).hasSize(2);
    // A's pairs hold nothing of it any more; C's pair with B still holds what C shared
    JsonNode left = collegeView(nodeB, officerB).path("items");
    assertThat(left).hasSize(1);
    assertThat(left.path(0).path("sharedBy").asText()).isEqualTo(msp(C));
    restartNode(C, A_MONTH_AHEAD);
    JsonNode byC = ok(onceReconnected(() -> collegePurge(nodeC, officerC))).body();
    assertThat(byC.path("purges")).hasSize(2);
    for (int i : new int[] {A, B, C}) {
      NodeClient node = i == A ? nodeA : i == B ? nodeB : nodeC;
      String token = i == A ? officerA : i == B ? officerB : officerC;
      JsonNode view = collegeView(node, token);
      assertThat(view.path("items")).as(msp(i)).isEmpty();
      assertThat(view.path("purges")).as(msp(i)).hasSize(2);
      assertThat(view.path("college").path("title").asText()).isEqualTo("Retention");
      assertThat(view.toString()).doesNotContain(collegeMarker);
    }
    // asking again completes nothing more and changes nothing
    assertThat(ok(collegePurge(nodeA, officerA)).body().path("purges")).hasSize(2);
  }
}
