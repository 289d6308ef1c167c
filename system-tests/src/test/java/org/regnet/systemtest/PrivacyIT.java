package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
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

  @BeforeAll
  static void shareACaseBetweenAandB() {
    net = TestNetwork.shared();
    actors = new Actors(net);
    String agreementId = Scenarios.treatyWithActiveAgreement(actors, TREATY);

    payloadMarker = Requests.marker();
    messageMarker = Requests.marker();
    String referralId =
        ok(submit(
                actors.contract(A, "case-officer"),
                "referral:submit",
                Requests.submitReferral(agreementId),
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
      assertThat(payloads).anyMatch(p -> p.startsWith("regnet.referral.submitted"));
      assertThat(payloads).anyMatch(p -> p.startsWith("regnet.referral.informationRequested"));
      assertThat(payloads).noneMatch(p -> p.contains(payloadMarker) || p.contains(messageMarker));
    }
  }

  private static Result ok(Result r) {
    return Scenarios.ok(r);
  }
}
