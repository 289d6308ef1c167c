package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.crypto.SecureFiles;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.Scenarios;
import org.regnet.systemtest.support.TestNetwork;

/**
 * A write whose commit status does not come back in time, on the real network: A's node is
 * restarted with a commit wait of 1 ms, so every write is ordered but answered before its block
 * commits. It answers 202 with the transaction id and a status URL, never "try again"; the status
 * URL then reports the commit; a retry under the same Idempotency-Key answers the referral the
 * first attempt made, and the submitter's outbox and the recipient's inbox each hold it once.
 */
class CommitWaitIT {
  private static final int A = 0, B = 1;
  private static TestNetwork net;
  private static String agreementId;
  private static OrganizationDefinition orgA;
  private static Path config;
  private static String originalConfig;
  private static ProcessRecord nodeA;

  @BeforeAll
  static void nodeWithATinyCommitWait() throws Exception {
    net = TestNetwork.shared();
    try (Actors actors = new Actors(net)) {
      agreementId = Scenarios.treatyWithActiveAgreement(actors, "TRT-IT-COMMITWAIT");
    }
    orgA = net.network().definition().organizations().get(A);
    config = net.network().layout().nodeHome(orgA).resolve("node.yaml");
    originalConfig = Files.readString(config);
    nodeA =
        net.network().processes().stream()
            .filter(p -> p.name().equals(orgA.nodeHostName()))
            .findFirst()
            .orElseThrow();
    nodeA = restart(nodeA, originalConfig + "commitWaitMillis: 1\n");
  }

  @AfterAll
  static void restoreTheDefaultWait() {
    if (nodeA != null && originalConfig != null) {
      nodeA = restart(nodeA, originalConfig);
    }
  }

  /** Stops A's node, writes its configuration, starts it again and waits until it listens. */
  private static ProcessRecord restart(ProcessRecord running, String yaml) {
    running
        .handle()
        .ifPresent(
            h -> {
              h.destroy();
              h.onExit().join();
            });
    SecureFiles.writeSecret(config, yaml);
    ProcessRecord started = NodesExtension.startNode(net.network(), orgA);
    Ports.awaitListening(
        orgA.node().endpoint(),
        started,
        net.network().supervisor().logFile(started.name()),
        Duration.ofSeconds(90));
    return started;
  }

  private String referralBody() {
    return "{\"agreementId\":\""
        + agreementId
        + "\",\"typology\":\"SPOOFING\",\"instrumentClass\":\"PERPETUAL_FUTURE\","
        + "\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],\"payload\":"
        + Requests.payload(Requests.marker())
        + "}";
  }

  /** Referral ids under this test's agreement in a referral list ({@code path}), all pages. */
  private static Set<String> referrals(NodeClient client, String token, String path) {
    Set<String> ids = new HashSet<>();
    String bookmark = "";
    while (true) {
      NodeClient.Answer a =
          client.call(
              "GET",
              path + "?pageSize=100" + (bookmark.isEmpty() ? "" : "&bookmark=" + bookmark),
              null,
              token);
      assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
      for (JsonNode item : a.body().get("items")) {
        if (item.path("agreementId").asText().equals(agreementId)) {
          ids.add(item.get("referralId").asText());
        }
      }
      String next = a.body().path("bookmark").asText("");
      if (a.body().get("items").isEmpty() || next.isEmpty() || next.equals(bookmark)) {
        return ids;
      }
      bookmark = next;
    }
  }

  @Test
  void an_unknown_commit_status_answers_202_and_a_retry_under_the_key_makes_no_second_referral()
      throws Exception {
    NodeClient a = new NodeClient(net.organization(A));
    NodeClient b = new NodeClient(net.organization(B));
    String officerA = NodeClient.login(a, net.organization(A), "case-officer");
    String officerB = NodeClient.login(b, net.organization(B), "case-officer");
    Set<String> outboxBefore = referrals(a, officerA, "/v1/referrals/outbox");
    Set<String> inboxBefore = referrals(b, officerB, "/v1/referrals/inbox");
    String body = referralBody();
    Map<String, String> key = Map.of("Idempotency-Key", "commit-wait-" + UUID.randomUUID());

    // The first attempt is ordered, but its commit status does not come back within 1 ms.
    NodeClient.Answer first = a.call("POST", "/v1/referrals", body, officerA, key);
    assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
    assertThat(first.body().path("status").asText()).isEqualTo("PENDING");
    String txId = first.body().path("transactionId").asText();
    assertThat(txId).matches("[0-9a-f]{64}");
    String statusUrl = first.body().path("statusUrl").asText();
    assertThat(statusUrl).isEqualTo("/v1/transactions/" + txId);

    // The status URL reports the transaction's fate once its block reaches A's peer.
    NodeClient.Answer status;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    do {
      status = a.call("GET", statusUrl, null, officerA);
      assertThat(status.status()).as(status.body().toString()).isEqualTo(200);
      assertThat(status.body().path("transactionId").asText()).isEqualTo(txId);
      if (!status.body().path("status").asText().equals("PENDING")) {
        break;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    assertThat(status.body().path("status").asText()).isEqualTo("COMMITTED");

    // A retry under the same key finds the referral the first attempt made, and makes none.
    NodeClient.Answer retry = a.call("POST", "/v1/referrals", body, officerA, key);
    assertThat(retry.status()).as(retry.body().toString()).isEqualTo(200);
    String referralId = retry.body().path("referralId").asText();
    assertThat(referralId).isNotEmpty();
    NodeClient.Answer again = a.call("POST", "/v1/referrals", body, officerA, key);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("referralId").asText()).isEqualTo(referralId);

    Set<String> outbox = referrals(a, officerA, "/v1/referrals/outbox");
    outbox.removeAll(outboxBefore);
    assertThat(outbox).as("A's outbox").containsExactly(referralId);
    Set<String> inbox = referrals(b, officerB, "/v1/referrals/inbox");
    inbox.removeAll(inboxBefore);
    assertThat(inbox).as("B's inbox").containsExactly(referralId);
  }
}
