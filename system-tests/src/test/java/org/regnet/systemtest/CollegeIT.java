package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * A college of the shared network's three authorities through their nodes (decision 0035): A forms
 * it, B and C share information in it, every member reads all of it from its own node, each
 * member's inbox receives the other members' steps once, the audit trail shows them, and no block
 * of any peer or orderer holds the information (it lives in the pair collections' private stores).
 * That a non-member's peer holds nothing is shown where a fourth authority exists
 * (NodeOnboardingIT) and in the chaincode's CollegeTest.
 */
class CollegeIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-COLLEGE";

  private static String msp(TestNetwork net, int i) {
    return net.organization(i).get("mspId").asText();
  }

  private static Answer ok(Answer a) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a;
  }

  @Test
  void three_authorities_share_a_case_and_no_block_holds_what_they_shared() throws Exception {
    TestNetwork net = TestNetwork.shared();
    NodeClient[] nodes = new NodeClient[3];
    String[] officers = new String[3];
    for (int i = 0; i < 3; i++) {
      nodes[i] = new NodeClient(net.organization(i));
      officers[i] = NodeClient.login(nodes[i], net.organization(i), "case-officer");
    }
    String adminA = NodeClient.login(nodes[A], net.organization(A), "treaty-admin");
    ok(
        nodes[A].call(
            "POST",
            "/v1/treaties",
            """
            {"treatyId":"%s","name":"College journey",
             "terms":{"dataClasses":["TRADE_DATA"],"permittedUses":["INVESTIGATION"],
                 "responseDeadlineDays":30,"retentionDays":30,
                 "refusalGrounds":["PUBLIC_INTEREST"]},
             "members":[{"msp":"%s","jurisdiction":"CH"},{"msp":"%s","jurisdiction":"SG"},
                        {"msp":"%s","jurisdiction":"BR"}]}"""
                .formatted(TREATY, msp(net, A), msp(net, B), msp(net, C)),
            adminA));
    String title = Requests.marker();
    String members = "[\"%s\",\"%s\",\"%s\"]".formatted(msp(net, A), msp(net, B), msp(net, C));

    // bad input is refused by the node or the chaincode and forms nothing
    Answer two =
        nodes[A].call(
            "POST",
            "/v1/colleges",
            "{\"treatyId\":\"%s\",\"title\":\"x\",\"members\":[\"%s\",\"%s\"]}"
                .formatted(TREATY, msp(net, A), msp(net, B)),
            officers[A]);
    assertThat(two.status()).as(two.body().toString()).isEqualTo(400);
    assertThat(two.code()).isEqualTo("VALIDATION_FAILED");
    String investigatorA = NodeClient.login(nodes[A], net.organization(A), "investigator");
    assertThat(
            nodes[A]
                .call(
                    "POST",
                    "/v1/colleges",
                    "{\"treatyId\":\"%s\",\"title\":\"x\",\"members\":%s}"
                        .formatted(TREATY, members),
                    investigatorA)
                .status())
        .isEqualTo(403);
    assertThat(ok(nodes[A].call("GET", "/v1/colleges", null, officers[A])).body().get("items"))
        .noneMatch(c -> c.path("treatyId").asText().equals(TREATY));

    JsonNode formed =
        ok(nodes[A].call(
                "POST",
                "/v1/colleges",
                "{\"treatyId\":\"%s\",\"title\":\"%s\",\"members\":%s}"
                    .formatted(TREATY, title, members),
                officers[A]))
            .body();
    String id = formed.get("college").get("collegeId").asText();
    assertThat(formed.get("college").get("formedBy").asText()).isEqualTo(msp(net, A));

    String fromB = Requests.marker(), fromC = Requests.marker();
    ok(
        nodes[B].call(
            "POST",
            "/v1/colleges/" + id + "/items",
            "{\"title\":\"Venue B order book\",\"information\":\"%s\"}".formatted(fromB),
            officers[B]));
    String investigatorC = NodeClient.login(nodes[C], net.organization(C), "investigator");
    ok(
        nodes[C].call(
            "POST",
            "/v1/colleges/" + id + "/items",
            "{\"title\":\"Wallet cluster\",\"information\":\"%s\"}".formatted(fromC),
            investigatorC));

    for (int i = 0; i < 3; i++) {
      JsonNode view = ok(nodes[i].call("GET", "/v1/colleges/" + id, null, officers[i])).body();
      assertThat(view.get("college").get("title").asText()).isEqualTo(title);
      List<String> info = new ArrayList<>();
      view.get("items").forEach(it -> info.add(it.get("information").asText()));
      assertThat(info).containsExactly(fromB, fromC);
      JsonNode list = ok(nodes[i].call("GET", "/v1/colleges", null, officers[i])).body();
      assertThat(list.get("items")).anyMatch(c -> c.get("collegeId").asText().equals(id));
    }

    // each member's inbox: the other members' steps, once each; never its own
    assertThat(eventually("A's inbox has both shares", () -> events(nodes[A], officers[A], id, 2)))
        .containsExactly("regnet.college.shared", "regnet.college.shared");
    assertThat(eventually("B's inbox", () -> events(nodes[B], officers[B], id, 2)))
        .containsExactly("regnet.college.formed", "regnet.college.shared");
    assertThat(eventually("C's inbox", () -> events(nodes[C], officers[C], id, 2)))
        .containsExactly("regnet.college.formed", "regnet.college.shared");

    // the audit trail of the college, as each member's investigator reads it
    JsonNode trail =
        ok(nodes[A].call("GET", "/v1/audit/entries?objectId=" + id, null, investigatorA)).body();
    List<String> actions = new ArrayList<>();
    trail.get("items").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).containsExactly("college.formed", "college.shared", "college.shared");

    // no block holds the title or what was shared: every peer's and orderer's block files
    for (int i = 0; i < 3; i++) {
      var org = net.network().definition().organizations().get(i);
      for (Path home :
          List.of(net.network().layout().peerHome(org), net.network().layout().ordererHome(org))) {
        for (Path chains : chainsDirs(home)) {
          for (String marker : List.of(title, fromB, fromC)) {
            assertThat(LeakScan.filesContaining(chains, marker))
                .as(chains + " " + marker)
                .isEmpty();
          }
        }
      }
      // ... while each member's peer holds them in its private data store
      Path peer = net.network().layout().peerHome(org);
      assertThat(LeakScan.filesContaining(peer, fromB)).isNotEmpty();
    }
  }

  /** The college's events in this node's inbox, once there are at least {@code n}. */
  private static List<String> events(NodeClient node, String token, String id, int n) {
    List<String> out = new ArrayList<>();
    for (JsonNode e :
        node.call("GET", "/v1/inbox?after=0&limit=500", null, token).body().path("items")) {
      if (e.path("objectId").asText().equals(id)) {
        out.add(e.path("event").asText());
      }
    }
    return out.size() >= n ? out : null;
  }

  private static <T> T eventually(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("never happened: " + what);
  }

  /** The block stores under a peer's or orderer's home (directories named "chains"). */
  private static List<Path> chainsDirs(Path home) throws IOException {
    try (Stream<Path> s = Files.walk(home)) {
      List<Path> dirs =
          s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("chains"))
              .toList();
      assertThat(dirs).as("block stores under " + home).isNotEmpty();
      return dirs;
    }
  }
}
