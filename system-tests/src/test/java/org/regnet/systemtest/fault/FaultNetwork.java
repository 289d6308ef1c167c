package org.regnet.systemtest.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The network the fault tests share, in container mode, started once per test JVM (a shutdown hook
 * brings it down): a treaty of A, B and C, an active agreement A-B, and the nodes' logins.
 */
final class FaultNetwork {
  static final int A = 0, B = 1, C = 2;
  private static FaultNetwork shared;
  // The BFT network (four authorities, network-config/containers-bft.yaml). It uses the same
  // container addresses as the shared one, so at most one of the two runs at a time.
  private static FaultNetwork bft;

  final TestNetwork net;
  final Faults faults;
  final NodeClient nodeA, nodeB;
  final String officerA, officerB, agreementId;

  private FaultNetwork(String definition, String name) {
    net = TestNetwork.startInContainers(definition, name, List.of(new NodesExtension()));
    faults = new Faults(net.network());
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    String a = msp(A), b = msp(B), c = msp(C);
    ok(
        nodeA.call(
            "POST",
            "/v1/treaties",
            Requests.foundTreaty(
                "TRT-FAULT", new String[] {a, b, c}, new String[] {"CH", "SG", "BR"}),
            adminA));
    agreementId =
        ok(nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement("TRT-FAULT", b), adminA))
            .body()
            .get("agreementId")
            .asText();
    ok(nodeB.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminB));
    officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    officerB = NodeClient.login(nodeB, net.organization(B), "case-officer");
  }

  static synchronized FaultNetwork shared() {
    if (shared == null) {
      if (bft != null) {
        bft.net.network().down();
        bft = null;
      }
      shared = new FaultNetwork("network-config/containers.yaml", "fault-network");
    }
    return shared;
  }

  /**
   * The BFT network of the fault tests, in container mode: four authorities, each running one of
   * the channel's four SmartBFT consenters; the same treaty and agreement A-B as {@link #shared()}.
   * Brings the shared Raft network down first if it runs (both use the same addresses).
   */
  static synchronized FaultNetwork bft() {
    if (bft == null) {
      if (shared != null) {
        shared.net.network().down();
        shared = null;
      }
      bft = new FaultNetwork("network-config/containers-bft.yaml", "fault-network-bft");
    }
    return bft;
  }

  String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  /** A referral request body A to B, with a fresh payload. */
  String referral() {
    return "{\"agreementId\":\""
        + agreementId
        + "\",\"typology\":\"SPOOFING\",\"instrumentClass\":\"PERPETUAL_FUTURE\","
        + "\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],\"payload\":"
        + Requests.payload(Requests.marker())
        + "}";
  }

  /**
   * Submits through A with {@code key}, retrying until the node acknowledges it (bounded): 200, or
   * 202 PENDING whose transaction then commits. Returns the last answer (200 or 202 when
   * acknowledged).
   */
  Answer submitUntilAccepted(String body, String key) {
    Answer a = null;
    for (int attempt = 0; attempt < 240; attempt++) {
      try {
        a = nodeA.call("POST", "/v1/referrals", body, officerA, Map.of("Idempotency-Key", key));
      } catch (java.io.UncheckedIOException e) {
        a = null;
      }
      if (a != null && a.status() == 200) {
        return a;
      }
      if (a != null
          && a.status() == 202
          && ReferralLoad.awaitOutcome(
                  nodeA,
                  officerA,
                  a.body().get("transactionId").asText(),
                  java.util.concurrent.TimeUnit.SECONDS.toNanos(20))
              .equals("COMMITTED")) {
        return a;
      }
      ReferralLoad.sleep(500);
    }
    return a;
  }

  /** The organisation at {@code index} ({@link #A}, {@link #B}, {@link #C}) of the network. */
  OrganizationDefinition organization(int index) {
    return net.network().definition().organizations().get(index);
  }

  /** The referral ids in B's inbox now. */
  java.util.Set<String> inboxB() {
    return Inbox.submittedCounts(nodeB, officerB).keySet();
  }

  static Answer ok(Answer a) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a;
  }

  /**
   * Copies the network's process logs (orderers, peers, nodes) to target/fault-results/logs-{@code
   * name}/, for reading a run's timings after the network is gone.
   */
  void keepLogs(String name) {
    Path logs = net.network().layout().logs();
    Path kept = TestNetwork.projectRoot().resolve("system-tests/target/fault-results/logs-" + name);
    try {
      Files.createDirectories(kept);
      try (var files = Files.list(logs)) {
        for (Path file : files.toList()) {
          Files.copy(
              file,
              kept.resolve(file.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      System.out.println("[fault] could not keep the logs: " + e.getMessage());
    }
  }

  /** One line of figures for docs/reliability.md, in target/fault-results/{@code name}.txt. */
  static void record(String name, String line) {
    try {
      Path dir = TestNetwork.projectRoot().resolve("system-tests/target/fault-results");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), line + "\n");
      System.out.println("[fault-result] " + name + ": " + line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
