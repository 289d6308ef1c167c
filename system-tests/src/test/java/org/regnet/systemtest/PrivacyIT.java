package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Requests.ref;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.Scenarios;
import org.regnet.systemtest.support.TestNetwork;

/**
 * A third authority that is not party to a bilateral referral or request for assistance holds none
 * of its confidential payload anywhere: not in its peer's block files, state and history databases,
 * private data or transient stores, nor in its processes' logs, nor in any chaincode event. The
 * payload carries random markers; the same scan finds them on the recipient's peer, so the scan
 * itself works. The confidential transactions name no endorsers: the gateway's discovery alone
 * keeps them off C.
 */
class PrivacyIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-PRIVACY";
  private static TestNetwork net;
  private static Actors actors;
  private static String payloadMarker;
  private static String messageMarker;
  private static String referralId;
  private static final String TYPOLOGY = "ORACLE_MANIPULATION";
  // a request for assistance B -> A (decision 0029): its id, content and reply markers
  private static String requestId;
  private static String requestMarker;
  private static String replyMarker;

  @BeforeAll
  static void shareACaseBetweenAandB() {
    net = TestNetwork.shared();
    actors = new Actors(net);
    String agreementId = Scenarios.treatyWithActiveAgreement(actors, TREATY);

    payloadMarker = Requests.marker();
    messageMarker = Requests.marker();
    referralId =
        ok(submit(
                actors.contract(A, "case-officer"),
                "referral:submit",
                // a typology no other system test submits, so finding its JSON fragment anywhere
                // on C would be this referral's
                Requests.submitReferral(agreementId)
                    .replace("\"SPOOFING\"", "\"" + TYPOLOGY + "\""),
                // no endorsers named: discovery keeps the transient payload on the pair's peers
                Requests.confidential(Requests.payload(payloadMarker))))
            .json()
            .get("referralId")
            .asText();
    ok(submit(actors.contract(B, "case-officer"), "referral:acknowledge", ref(referralId)));
    ok(submit(actors.contract(B, "investigator"), "referral:startInvestigation", ref(referralId)));
    ok(
        submit(
            actors.contract(B, "investigator"),
            "referral:requestInformation",
            ref(referralId),
            Requests.confidential(Requests.message("Need wallet " + messageMarker))));

    bAsksAForAssistance(agreementId);

    // A public write through C's own gateway: once committed there, C's peer holds every block
    // before it.
    ok(
        submit(
            actors.contract(C, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                "TRT-IT-PRIVACY-SYNC",
                new String[] {actors.msp(C), actors.msp(A)},
                new String[] {"BR", "CH"})));
  }

  /**
   * B asks A for assistance; A acknowledges with an estimate and answers in full, refusing one item
   * (decision 0029: the record, its reply leg and their audit entries live in the A-B collection).
   * B asks, not A: on the shared network AssistanceJourneyIT counts the requests A sent B. The
   * facts and the reply's message carry random markers; the id is 64 random bits of the idempotency
   * key's hash.
   */
  private static void bAsksAForAssistance(String agreementId) {
    requestMarker = Requests.marker();
    replyMarker = Requests.marker();
    String content =
        """
        {"items":[{"type":"DOCUMENTS","description":"Order logs %s"},
                  {"type":"RECORDS","description":"Account opening records"}],
         "facts":"Spoof orders on BTC perpetuals, case %s.","purpose":"Identify the controller.",
         "provisionsBreached":["MAR Art. 12(1)(a)"],"subjects":[{"name":"Jane Trader"}],
         "legalMandate":{"paragraph":"MMoU para 7(b)"},"confidential":true,
         "investigationPeriod":{"from":"2024-01-01","to":"2024-06-30"}}"""
            .formatted(requestMarker, requestMarker);
    requestId =
        ok(submit(
                actors.contract(B, "case-officer"),
                "assistance:submit",
                """
                {"agreementId":"%s","instrumentClass":"PERPETUAL_FUTURE",
                 "dataClasses":["TRADE_DATA"],"purposes":["INVESTIGATION"],"urgency":"ROUTINE"}"""
                    .formatted(agreementId),
                Requests.confidential(content)))
            .json()
            .get("requestId")
            .asText();
    ok(
        submit(
            actors.contract(A, "case-officer"),
            "assistance:acknowledge",
            "{\"requestId\":\"%s\",\"estimatedReplyAt\":\"2090-01-01T00:00:00Z\"}"
                .formatted(requestId)));
    ok(
        submit(
            actors.contract(A, "case-officer"),
            "assistance:reply",
            """
            {"requestId":"%s","finalReply":true,
             "items":[{"itemNo":1,"outcome":"PROVIDED"},
                      {"itemNo":2,"outcome":"REFUSED","refusalGround":"PUBLIC_INTEREST"}]}"""
                .formatted(requestId),
            Requests.confidential(Requests.message("Logs attached " + replyMarker))));
  }

  @AfterAll
  static void close() throws InterruptedException {
    actors.close();
  }

  @Test
  void the_third_authoritys_peer_chaincode_server_and_node_hold_no_trace_of_the_payload() {
    OrganizationDefinition c = net.network().definition().organizations().get(C);
    List<Path> scanned = new ArrayList<>();
    scanned.add(net.network().layout().peerHome(c));
    scanned.add(net.network().supervisor().logFile(c.peerHostName()));
    scanned.add(net.network().supervisor().logFile(c.chaincodeHostName()));
    // C's authority node follows every chaincode event into its database: nothing of it there
    scanned.add(net.network().layout().nodeHome(c));
    scanned.add(net.network().supervisor().logFile(c.nodeHostName()));

    for (Path p : scanned) {
      assertThat(LeakScan.filesContaining(p, payloadMarker))
          .as("payload marker under " + p)
          .isEmpty();
      assertThat(LeakScan.filesContaining(p, messageMarker))
          .as("message marker under " + p)
          .isEmpty();
    }
    assertThat(LeakScan.countFiles(net.network().layout().peerHome(c)))
        .as("C's peer has ledger files to scan")
        .isGreaterThan(10);
    assertThat(LeakScan.countFiles(net.network().layout().nodeHome(c)))
        .as("C's node has files to scan")
        .isGreaterThan(0);
  }

  /**
   * The referral's facts, not only its payload (decision 0020): after submit, acknowledge, start of
   * investigation and an information request, the third authority's peer (block files, state,
   * history, private data and transient stores), its chaincode server's and peer's logs and its
   * node (database, logs) hold neither the referral id nor the JSON of its typology or status.
   *
   * <p>How the scan is honest: the id is 64 random bits in hex, so its first occurrence in a
   * Snappy-compressed LevelDB block stays literal and a byte scan finds any copy (the positive
   * control finds it on A's and B's peers). The typology and status are enum names that could be
   * compressed away in LevelDB when an identical fragment came earlier in the same block, so for
   * them the scan covers the uncompressed places that carry every transaction (C's block files,
   * logs, node), and C's own chaincode queries show that C cannot read the record at all.
   */
  @Test
  void the_third_authority_holds_no_trace_of_the_referral_id_typology_or_status() {
    OrganizationDefinition c = net.network().definition().organizations().get(C);
    String typology = "\"typology\":\"" + TYPOLOGY + "\"";
    String status = "\"status\":\"INFORMATION_REQUESTED\"";
    List<Path> everywhere =
        List.of(
            net.network().layout().peerHome(c),
            net.network().supervisor().logFile(c.peerHostName()),
            net.network().supervisor().logFile(c.chaincodeHostName()),
            net.network().layout().nodeHome(c),
            net.network().supervisor().logFile(c.nodeHostName()));
    for (Path p : everywhere) {
      assertThat(LeakScan.filesContaining(p, referralId)).as("referral id under " + p).isEmpty();
    }
    List<Path> uncompressed = new ArrayList<>(blockFiles(net.network().layout().peerHome(c)));
    assertThat(uncompressed).as("C's peer has block files").isNotEmpty();
    uncompressed.add(net.network().supervisor().logFile(c.peerHostName()));
    uncompressed.add(net.network().supervisor().logFile(c.chaincodeHostName()));
    for (Path p : uncompressed) {
      assertThat(LeakScan.filesContaining(p, typology)).as("typology under " + p).isEmpty();
      assertThat(LeakScan.filesContaining(p, status)).as("status under " + p).isEmpty();
    }
    // C's node: the typology no other test uses (a status could be one of C's own referrals')
    for (Path p : everywhere.subList(3, everywhere.size())) {
      assertThat(LeakScan.filesContaining(p, typology)).as("typology under " + p).isEmpty();
    }
    // C's own queries: no record, nothing in its inbox or outbox
    for (String role : List.of("case-officer", "investigator", "auditor", "treaty-admin")) {
      assertThat(evaluate(actors.contract(C, role), "referral:get", ref(referralId)).code())
          .as(role)
          .isIn("ACCESS_DENIED", "NOT_FOUND");
    }
    assertThat(ok(evaluate(actors.contract(C, "case-officer"), "referral:listInbox", "{}")).body())
        .doesNotContain(referralId);
    assertThat(
            evaluate(
                    actors.contract(C, "auditor"),
                    "audit:byObject",
                    "{\"objectId\":\"" + referralId + "\"}")
                .ok())
        .isFalse();
  }

  @Test
  void the_parties_peers_hold_the_referral_id_and_typology_so_the_scan_can_find_them() {
    for (int party : new int[] {A, B}) {
      OrganizationDefinition o = net.network().definition().organizations().get(party);
      Path home = net.network().layout().peerHome(o);
      assertThat(LeakScan.filesContaining(home, referralId)).as("id on " + o.mspId()).isNotEmpty();
      assertThat(LeakScan.filesContaining(home, "\"typology\":\"" + TYPOLOGY + "\""))
          .as("typology on " + o.mspId())
          .isNotEmpty();
    }
    assertThat(
            ok(evaluate(actors.contract(B, "case-officer"), "referral:get", ref(referralId)))
                .json()
                .get("status")
                .asText())
        .isEqualTo("INFORMATION_REQUESTED");
  }

  /**
   * A request for assistance between A and B (decision 0029): C's peer (LevelDB state and history,
   * private and transient stores, block files), its chaincode server's and peer's logs and its node
   * hold neither the request's id (nor its 16 random hex digits alone, which stay literal even
   * where Snappy compresses the "RFA-" before them), nor its content, nor its reply. The markers
   * are long random strings, so a Snappy-compressed copy would still show them literally; the
   * positive control below finds each on A's and B's peers.
   */
  @Test
  void the_third_authority_holds_no_trace_of_a_request_for_assistance_between_a_and_b() {
    OrganizationDefinition c = net.network().definition().organizations().get(C);
    List<Path> everywhere =
        List.of(
            net.network().layout().peerHome(c),
            net.network().supervisor().logFile(c.peerHostName()),
            net.network().supervisor().logFile(c.chaincodeHostName()),
            net.network().layout().nodeHome(c),
            net.network().supervisor().logFile(c.nodeHostName()));
    for (Path p : everywhere) {
      for (String marker : List.of(requestId, idDigits(), requestMarker, replyMarker)) {
        assertThat(LeakScan.filesContaining(p, marker)).as(marker + " under " + p).isEmpty();
      }
    }
    // C's own queries: no record, no trail, nothing in its lists
    for (String role : List.of("case-officer", "investigator", "auditor", "treaty-admin")) {
      assertThat(evaluate(actors.contract(C, role), "assistance:get", rfa(requestId)).code())
          .as(role)
          .isIn("ACCESS_DENIED", "NOT_FOUND");
    }
    assertThat(
            ok(evaluate(actors.contract(C, "case-officer"), "assistance:listInbox", "{}")).body())
        .doesNotContain(requestId);
    assertThat(
            evaluate(
                    actors.contract(C, "auditor"),
                    "audit:byObject",
                    "{\"objectId\":\"" + requestId + "\"}")
                .ok())
        .isFalse();
    // nor can C compute the pair's figures on a party's peer: it reads only its own pairs there
    assertThat(
            ok(evaluate(
                    actors.contract(C, "auditor"),
                    "assistance:statistics",
                    "{\"counterparty\":\"" + actors.msp(B) + "\"}",
                    java.util.Map.of(),
                    actors.msp(A)))
                .json()
                .get("counterparties"))
        .isEmpty();
  }

  @Test
  void the_parties_peers_hold_the_request_and_both_count_it_the_same() {
    for (int party : new int[] {A, B}) {
      OrganizationDefinition o = net.network().definition().organizations().get(party);
      Path home = net.network().layout().peerHome(o);
      for (String marker : List.of(idDigits(), requestMarker, replyMarker)) {
        assertThat(LeakScan.filesContaining(home, marker))
            .as(marker + " on " + o.mspId())
            .isNotEmpty();
      }
    }
    var b = ok(evaluate(actors.contract(B, "case-officer"), "assistance:get", rfa(requestId)));
    assertThat(b.json().get("progress").get("status").asText()).isEqualTo("ANSWERED");
    var sentByB =
        ok(evaluate(
                actors.contract(B, "auditor"),
                "assistance:statistics",
                "{\"counterparty\":\"" + actors.msp(A) + "\"}"))
            .json()
            .get("counterparties")
            .get(0);
    var receivedByA =
        ok(evaluate(
                actors.contract(A, "auditor"),
                "assistance:statistics",
                "{\"counterparty\":\"" + actors.msp(B) + "\"}"))
            .json()
            .get("counterparties")
            .get(0);
    assertThat(sentByB.get("sent").get("answered").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(sentByB.get("sent").get("refusalsByGround").get("PUBLIC_INTEREST").asInt())
        .isGreaterThanOrEqualTo(1);
    assertThat(receivedByA.get("received")).isEqualTo(sentByB.get("sent"));
  }

  /** The request id's random part. */
  private static String idDigits() {
    return requestId.substring("RFA-".length());
  }

  private static String rfa(String id) {
    return "{\"requestId\":\"" + id + "\"}";
  }

  /** The peer's block files: every transaction's arguments, results, events and public writes. */
  private static List<Path> blockFiles(Path peerHome) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(peerHome)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("blockfile"))
          .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void the_recipients_peer_does_hold_the_payload_so_the_scan_can_find_it() {
    OrganizationDefinition b = net.network().definition().organizations().get(B);
    assertThat(LeakScan.filesContaining(net.network().layout().peerHome(b), payloadMarker))
        .isNotEmpty();
  }

  @Test
  void no_chaincode_event_carries_confidential_data() throws Exception {
    List<String> payloads = new ArrayList<>();
    var network = actors.network(A, "auditor");
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              try (CloseableIterator<ChaincodeEvent> events =
                  network
                      .newChaincodeEventsRequest(net.chaincode())
                      .startBlock(0)
                      .build()
                      .getEvents()) {
                while (events.hasNext()) {
                  ChaincodeEvent e = events.next();
                  synchronized (payloads) {
                    payloads.add(
                        e.getEventName()
                            + " "
                            + new String(e.getPayload(), StandardCharsets.UTF_8));
                  }
                  if (e.getPayload() != null
                      && new String(e.getPayload(), StandardCharsets.UTF_8)
                          .contains("TRT-IT-PRIVACY-SYNC")) {
                    return;
                  }
                }
              }
            });
    reading.get(60, TimeUnit.SECONDS);

    synchronized (payloads) {
      // a referral's changes announce only the pair (decision 0020)
      assertThat(payloads).anyMatch(p -> p.startsWith("regnet.pair.updated"));
      assertThat(payloads).noneMatch(p -> p.startsWith("regnet.referral."));
      assertThat(payloads).noneMatch(p -> p.startsWith("regnet.assistance."));
      assertThat(payloads)
          .noneMatch(
              p -> p.contains(requestId) || p.contains(requestMarker) || p.contains(replyMarker));
      assertThat(payloads).noneMatch(p -> p.contains(payloadMarker) || p.contains(messageMarker));
      assertThat(payloads).noneMatch(p -> p.contains(referralId) || p.contains(TYPOLOGY));
    }
  }

  private static Result ok(Result r) {
    return Scenarios.ok(r);
  }
}
