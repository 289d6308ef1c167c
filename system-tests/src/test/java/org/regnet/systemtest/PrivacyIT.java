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
 * A third authority that is not party to a bilateral referral holds none of its confidential
 * payload anywhere: not in its peer's block files, state and history databases, private data or
 * transient stores, nor in its processes' logs, nor in any chaincode event. The payload carries
 * random markers; the same scan finds them on the recipient's peer, so the scan itself works. The
 * confidential transactions name no endorsers: the gateway's discovery alone keeps them off C.
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
      assertThat(payloads).noneMatch(p -> p.contains(payloadMarker) || p.contains(messageMarker));
      assertThat(payloads).noneMatch(p -> p.contains(referralId) || p.contains(TYPOLOGY));
    }
  }

  private static Result ok(Result r) {
    return Scenarios.ok(r);
  }
}
