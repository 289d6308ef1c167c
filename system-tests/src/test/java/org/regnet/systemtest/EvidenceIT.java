package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Evidence node to node on the real network (issue 14 item 3, decision 0019): A asks B for
 * assistance; B's final reply carries a 100 MB document that B's node streams to A's node over
 * mutual TLS. A's node is killed midway; restarted, the transfer resumes from the chunks A already
 * holds and sends only the rest. A's node verifies the hash and records receipt, so the custody
 * record on the ledger names sender, receiver, times and (opened by a party) the hash. C's peer,
 * orderer, node store and logs hold neither the document's marker nor its hash; the same scan finds
 * the hash in A's and B's stores (their descriptions are plain), while the marker is in neither:
 * the documents are encrypted at rest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidenceIT {
  // The requester is the shared network's third authority: AssistanceJourneyIT's statistics count
  // every request between its own pair (the first two), whatever the treaty.
  private static final int A = 2, B = 1, C = 0;
  private static final String TREATY = "TRT-IT-EVIDENCE";
  private static final long SIZE = 100L * 1024 * 1024;
  private static final String DOCUMENT = "doc-it-evidence-0001";
  private static TestNetwork net;
  private static NodeClient nodeA, nodeB;
  private static String officerA, officerB;
  private static String requestId;
  private static Path document;
  private static String marker;
  private static String sha256;

  @BeforeAll
  static void requestAndDocument() throws Exception {
    net = TestNetwork.shared();
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    String treaty =
        """
        {"treatyId":"%s","name":"Evidence journey",
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
    String body =
        """
        {"agreementId":"%s","instrumentClass":"PERPETUAL_FUTURE","dataClasses":["TRADE_DATA"],
         "purposes":["INVESTIGATION"],"urgency":"ROUTINE",
         "payload":{"items":[{"type":"RECORDS","description":"Order-book export of BTC-PERP"}],
           "facts":"Layered spoof orders on BTC perpetuals.","purpose":"Identify the controller.",
           "provisionsBreached":["MAR Art. 12(1)(a)"],"subjects":[{"name":"Jane Trader"}],
           "legalMandate":{"paragraph":"EMMoU para 3"},"confidential":true,
           "investigationPeriod":{"from":"2024-01-01","to":"2024-06-30"}}}"""
            .formatted(agreementId);
    requestId =
        ok(nodeA.call("POST", "/v1/assistance", body, officerA)).body().get("requestId").asText();
    ok(
        nodeB.call(
            "POST",
            "/v1/assistance/" + requestId + "/acknowledge",
            "{\"estimatedReplyAt\":\"2099-01-01T00:00:00Z\"}",
            officerB));

    marker = Requests.marker();
    document = Files.createTempDirectory(Path.of("target"), "evidence-it").resolve("orderbook.bin");
    sha256 = writeDocument(document, marker);
  }

  /** The 100 MB document and the copy A's node served: 200 MB of disk, not kept. */
  @AfterAll
  static void removeDocuments() throws IOException {
    if (document != null) {
      Files.deleteIfExists(document.resolveSibling("received.bin"));
      Files.deleteIfExists(document);
      Files.deleteIfExists(document.getParent());
    }
  }

  /**
   * 100 MiB of random bytes written 1 MiB at a time, the marker in the first, a middle and the last
   * MiB; returns the SHA-256 in hex, computed as it is written.
   */
  private static String writeDocument(Path file, String marker) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom();
    byte[] mib = new byte[1 << 20];
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    int mibs = (int) (SIZE / mib.length);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mibs; i++) {
        random.nextBytes(mib);
        if (i == 0 || i == mibs / 2 || i == mibs - 1) {
          System.arraycopy(m, 0, mib, 4096, m.length);
        }
        md.update(mib);
        out.write(mib);
      }
    }
    return HexFormat.of().formatHex(md.digest());
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

  private static Path incoming(int i) {
    return net.network().layout().nodeHome(org(i)).resolve("data/evidence").resolve(DOCUMENT);
  }

  @Test
  @Order(1)
  void b_uploads_the_document_into_its_encrypted_store() {
    Answer up =
        ok(
            nodeB.upload(
                "PUT",
                "/v1/evidence/%s?caseRef=rfa:%s&receiver=%s&sha256=%s&size=%d&offset=0"
                    .formatted(DOCUMENT, requestId, msp(A), sha256, SIZE),
                document,
                officerB));
    assertThat(up.body().path("verified").asBoolean()).isTrue();
    assertThat(up.body().path("received").asLong()).isEqualTo(SIZE);
    assertThat(up.body().path("sender").asText()).isEqualTo(msp(B));
  }

  @Test
  @Order(2)
  void a_transfer_broken_by_killing_the_receiving_node_resumes_with_the_rest_only()
      throws Exception {
    OrganizationDefinition a = org(A);
    ProcessRecord nodeProcess =
        net.network().processes().stream()
            .filter(p -> p.name().equals(a.nodeHostName()))
            .findFirst()
            .orElseThrow();
    CompletableFuture<Answer> first =
        CompletableFuture.supplyAsync(
            () -> nodeB.slowCall("POST", "/v1/evidence/" + DOCUMENT + "/send", officerB));
    // Wait until A's node has stored some chunks of the document, but not all of them.
    Path data = incoming(A).resolve("data.enc");
    while (!first.isDone() && size(data) < 8L * 1024 * 1024) {
      Thread.sleep(20);
    }
    assertThat(first.isDone())
        .as("the transfer was still under way when A's node was killed")
        .isFalse();
    nodeProcess.handle().orElseThrow().destroyForcibly();
    nodeProcess.handle().ifPresent(h -> h.onExit().join());
    Answer broken = first.get();
    assertThat(broken.status()).as(broken.body().toString()).isEqualTo(502);
    assertThat(broken.body().path("error").path("code").asText()).isEqualTo("TRANSFER_FAILED");
    long kept = size(data);
    assertThat(kept).isPositive();

    ProcessRecord restarted = NodesExtension.startNode(net.network(), a);
    Ports.awaitListening(
        a.node().endpoint(),
        restarted,
        net.network().supervisor().logFile(restarted.name()),
        Duration.ofSeconds(90));
    Ports.awaitListening(
        a.nodeEvidence(),
        restarted,
        net.network().supervisor().logFile(restarted.name()),
        Duration.ofSeconds(90));

    Answer resumed = ok(nodeB.slowCall("POST", "/v1/evidence/" + DOCUMENT + "/send", officerB));
    long from = resumed.body().path("resumedFrom").asLong();
    assertThat(from).as("resumed from (kept %d bytes sealed)", kept).isPositive().isLessThan(SIZE);
    assertThat(from % (1024 * 1024)).isZero(); // whole chunks only
    assertThat(resumed.body().path("delivered").asBoolean()).isTrue();
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0; // created meanwhile
    }
  }

  @Test
  @Order(3)
  void b_replies_naming_the_document_and_a_verifies_it_and_reads_its_custody() throws Exception {
    ok(
        nodeB.call(
            "POST",
            "/v1/assistance/" + requestId + "/replies",
            """
            {"finalReply":true,"items":[{"itemNo":1,"outcome":"PROVIDED"}],
             "message":"The order-book export is attached.",
             "documents":[{"documentId":"%s","sha256":"%s","description":"BTC-PERP order book"}]}"""
                .formatted(DOCUMENT, sha256),
            officerB));
    // A's node was restarted: log in again
    String officerAFresh = NodeClient.login(nodeA, net.organization(A), "case-officer");
    JsonNode seen =
        ok(nodeA.call("GET", "/v1/assistance/" + requestId, null, officerAFresh)).body();
    assertThat(seen.path("progress").path("status").asText()).isEqualTo("ANSWERED");

    // A's node verified the hash and recorded receipt itself (as its receipt user)
    JsonNode listed =
        ok(nodeA.call("GET", "/v1/evidence/cases/rfa/" + requestId, null, officerAFresh)).body();
    JsonNode item = listed.path("items").path(0);
    assertThat(item.path("documentId").asText()).isEqualTo(DOCUMENT);
    assertThat(item.path("verified").asBoolean()).isTrue();
    assertThat(item.path("sha256").asText()).isEqualTo(sha256);
    // The custody record on the ledger (evidence:get, opened with the document's details,
    // hash included: a record committed to another hash would not open)
    JsonNode custody = item.path("custody");
    assertThat(custody.path("sender").asText()).isEqualTo(msp(B));
    assertThat(custody.path("receiver").asText()).isEqualTo(msp(A));
    assertThat(custody.path("status").asText()).isEqualTo("RECEIVED");
    assertThat(custody.path("pinnedAt").asText()).isNotBlank();
    assertThat(custody.path("receivedAt").asText()).isNotBlank();
    assertThat(custody.path("commitment").asText()).hasSize(64).isNotEqualTo(sha256);

    // the bytes A's node serves are the document: same hash, computed while streaming to disk
    Path copy = document.resolveSibling("received.bin");
    HttpResponse<Path> got =
        nodeA.download("/v1/evidence/" + DOCUMENT + "/content", officerAFresh, copy);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("X-Sha256")).contains(sha256);
    assertThat(sha256(copy)).isEqualTo(sha256);
    assertThat(LeakScan.filesContaining(copy.getParent(), marker)).contains(copy, document);
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = new byte[1 << 20];
      for (int n; (n = in.read(b)) > 0; ) {
        md.update(b, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  @Order(4)
  void the_third_authority_holds_no_trace_and_the_parties_hold_it_encrypted_only() {
    var layout = net.network().layout();
    List<Path> cPlaces = new ArrayList<>();
    cPlaces.add(layout.peerHome(org(C)));
    cPlaces.add(layout.nodeHome(org(C)));
    cPlaces.add(layout.chaincodeDir(org(C)));
    cPlaces.addAll(logsOf(org(C)));
    for (int i : new int[] {A, B, C}) {
      cPlaces.add(layout.ordererHome(org(i))); // nothing of it passes through any orderer
    }
    String shaUpper = sha256.toUpperCase();
    for (Path p : cPlaces) {
      assertThat(LeakScan.filesContaining(p, marker)).as("marker in " + p).isEmpty();
      assertThat(LeakScan.filesContaining(p, sha256)).as("hash in " + p).isEmpty();
      assertThat(LeakScan.filesContaining(p, shaUpper)).as("HASH in " + p).isEmpty();
    }
    // Positive control: the same scan finds the hash in both parties' stores (meta.json is the
    // document's plain description)...
    for (int i : new int[] {A, B}) {
      assertThat(LeakScan.filesContaining(incoming(i), sha256))
          .as("hash in party %d's store", i)
          .contains(incoming(i).resolve("meta.json"));
      // ...and the document itself is there, but never in plaintext: encrypted at rest.
      assertThat(size(incoming(i).resolve("data.enc"))).isGreaterThan(SIZE);
      assertThat(LeakScan.filesContaining(net.network().layout().nodeHome(org(i)), marker))
          .as("marker in party %d's node home", i)
          .isEmpty();
    }
  }

  private static List<Path> logsOf(OrganizationDefinition o) {
    try (Stream<Path> logs = Files.list(net.network().layout().logs())) {
      List<Path> mine = logs.filter(p -> p.getFileName().toString().contains(o.domain())).toList();
      assertThat(mine).as("C's logs").isNotEmpty();
      return mine;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
