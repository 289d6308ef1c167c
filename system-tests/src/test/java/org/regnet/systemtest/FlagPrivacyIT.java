package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Scenarios.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.network.AuthorityOnboarding;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.ChaincodeDefinition;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Flags are held only by the peers of their treaty's members (decision 0021). Four authorities; the
 * treaty has A, B and C, and D is a channel member outside it. A raises one flag through a plain
 * Java Gateway (one {@code flag:raise} per member, no endorsers named) and one through its node; B
 * looks both up, records the match (no endorsers named) and sees the flags; A retracts one through
 * its node. D's peer (ledger, state, private data and transient stores), its peer's and chaincode
 * server's logs, its node's database and log hold no trace of either flag: not its id, not its
 * evidence reference, not its lookup key (long random markers: LevelDB's Snappy blocks keep a first
 * occurrence literal). The same scan finds them on B's and C's peers, so the scan works.
 */
class FlagPrivacyIT {
  private static final int A = 0, B = 1, C = 2, D = 3;
  private static final String TREATY = "TRT-IT-FLAGS";
  private static TestNetwork net;
  private static Actors actors;

  private static String gatewayFlagId;
  private static String gatewayEvidence;
  private static String gatewayLookupKey;
  private static String nodeFlagId;
  private static String nodeEvidence;
  private static String nodeIdentifier;
  private static JsonNode seenByB;
  private static JsonNode nodeLookupByB;
  private static JsonNode nodeLookupAfterRetraction;
  private static Result lookupByD;
  private static Result auditByD;

  @BeforeAll
  static void flagsRaisedAndLookedUpAmongABandC() {
    net =
        TestNetwork.start(
            45_000, "it-flag-privacy", List.of(new NodesExtension()), FlagPrivacyIT::withDelta);
    actors = new Actors(net);
    ok(
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                TREATY,
                new String[] {actors.msp(A), actors.msp(B), actors.msp(C)},
                new String[] {"CH", "SG", "BR"})));

    // 1. A plain Gateway client: one copy per member, the request in the transient map
    gatewayEvidence = Requests.marker();
    gatewayLookupKey = HexFormat.of().formatHex(Requests.marker().getBytes(StandardCharsets.UTF_8));
    gatewayLookupKey = gatewayLookupKey.substring(0, 64);
    String idempotencyKey = "flag-privacy-it-" + Requests.marker();
    gatewayFlagId = Requests.flagId(actors.msp(A), idempotencyKey);
    for (int member : new int[] {B, C}) {
      String request =
          """
          {"treatyId":"%s","member":"%s","subjectType":"LEI","category":"FRAUD_SCAM",
           "confidence":"HIGH","expiresAt":"2099-01-01T00:00:00Z","evidenceRef":"%s"}"""
              .formatted(TREATY, actors.msp(member), gatewayEvidence);
      Result r =
          ok(
              submit(
                  actors.contract(A, "investigator"),
                  "flag:raise",
                  "{}",
                  Map.of(
                      "flag", bytes(request),
                      "lookupKey", bytes(gatewayLookupKey),
                      "idempotencyKey", bytes(idempotencyKey))));
      assertThat(r.json().get("written").asBoolean()).isTrue();
      assertThat(r.body()).doesNotContain(gatewayFlagId);
    }
    Map<String, byte[]> hidden = Map.of("lookupKey", bytes(gatewayLookupKey));
    JsonNode handle = ok(lookup(B, hidden)).json();
    assertThat(handle.at("/matches/0/flagId").asText()).isEqualTo(gatewayFlagId);
    assertThat(handle.toString()).doesNotContain(gatewayEvidence);
    ok(
        submit(
            actors.contract(B, "case-officer"),
            "flag:recordMatch",
            "{}",
            Map.of(
                "flag",
                bytes(
                    "{\"treatyId\":\"%s\",\"flagId\":\"%s\",\"originator\":\"%s\"}"
                        .formatted(TREATY, gatewayFlagId, actors.msp(A))),
                "lookupKey",
                bytes(gatewayLookupKey))));
    seenByB = ok(lookup(B, hidden)).json();
    // D's own attempt, with a key of its own: D never learns the treaty's
    String keyOfD = HexFormat.of().formatHex(Requests.marker().getBytes(StandardCharsets.UTF_8));
    lookupByD = lookup(D, Map.of("lookupKey", bytes(keyOfD.substring(0, 64))));
    auditByD =
        evaluate(
            actors.contract(D, "auditor"),
            "audit:byObject",
            "{\"objectId\":\"%s\",\"treatyId\":\"%s\"}".formatted(gatewayFlagId, TREATY),
            Map.of(),
            actors.msp(D));

    // 2. Through the nodes: A's fans out, B's records the match, A's retracts
    NodeClient nodeA = new NodeClient(net.organization(A));
    NodeClient nodeB = new NodeClient(net.organization(B));
    String investigatorA = NodeClient.login(nodeA, net.organization(A), "investigator");
    String auditorB = NodeClient.login(nodeB, net.organization(B), "auditor");
    nodeEvidence = Requests.marker();
    nodeIdentifier = "ENTITY " + Requests.marker();
    Answer raised =
        nodeA.call(
            "POST",
            "/v1/flags",
            """
            {"treatyId":"%s","subjectType":"ENTITY_NAME","identifier":"%s",
             "category":"SANCTIONS_EVASION","confidence":"MEDIUM",
             "expiresAt":"2099-01-01T00:00:00Z","evidenceRef":"%s"}"""
                .formatted(TREATY, nodeIdentifier, nodeEvidence),
            investigatorA);
    assertThat(raised.status()).as(raised.body().toString()).isEqualTo(200);
    nodeFlagId = raised.body().get("flagId").asText();
    assertThat(raised.body().get("sharedWith"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(actors.msp(B), actors.msp(C));
    String lookupBody =
        "{\"treatyId\":\"%s\",\"subjectType\":\"ENTITY_NAME\",\"identifier\":\"%s\"}"
            .formatted(TREATY, nodeIdentifier);
    Answer found = nodeB.call("POST", "/v1/flags/lookup", lookupBody, auditorB);
    assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
    nodeLookupByB = found.body();
    Answer retracted =
        nodeA.call(
            "POST",
            "/v1/flags/" + nodeFlagId + "/retract",
            "{\"treatyId\":\"" + TREATY + "\"}",
            investigatorA);
    assertThat(retracted.status()).as(retracted.body().toString()).isEqualTo(200);
    nodeLookupAfterRetraction = nodeB.call("POST", "/v1/flags/lookup", lookupBody, auditorB).body();

    // A public write through D's own gateway: once committed there, D's peer holds every block
    // before it, and D's node has followed their events.
    ok(
        submit(
            actors.contract(D, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                "TRT-IT-FLAGS-SYNC",
                new String[] {actors.msp(D), actors.msp(A)},
                new String[] {"DE", "CH"})));
  }

  @AfterAll
  static void stop() {
    if (actors != null) {
      actors.close();
    }
    if (net != null) {
      net.network().down();
    }
  }

  /** network.yaml plus Delta as a founding member of the channel (not of the treaty). */
  private static NetworkDefinition withDelta(NetworkDefinition def) {
    OrganizationDefinition delta =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "DE");
    NetworkDefinition grown = AuthorityOnboarding.withMember(def, delta);
    ChaincodeDefinition cc = grown.chaincode();
    return new NetworkDefinition(
        grown.name(),
        grown.channel(),
        grown.portOffset(),
        new ChaincodeDefinition(cc.name(), cc.version(), 1, cc.endorsementPolicy()),
        grown.ordering(),
        grown.organizations());
  }

  @Test
  void a_treaty_member_looks_up_records_the_match_and_sees_the_flag() {
    assertThat(seenByB.at("/matches/0/flagId").asText()).isEqualTo(gatewayFlagId);
    assertThat(seenByB.at("/matches/0/flag/evidenceRef").asText()).isEqualTo(gatewayEvidence);
    assertThat(seenByB.at("/matches/0/flag/category").asText()).isEqualTo("FRAUD_SCAM");
  }

  @Test
  void through_the_nodes_a_member_finds_the_flag_until_its_originator_retracts_it() {
    assertThat(nodeLookupByB.get("flagged").asBoolean()).isTrue();
    assertThat(nodeLookupByB.at("/flags/0/flagId").asText()).isEqualTo(nodeFlagId);
    assertThat(nodeLookupByB.at("/flags/0/evidenceRef").asText()).isEqualTo(nodeEvidence);
    assertThat(nodeLookupAfterRetraction.get("flagged").asBoolean()).isFalse();
  }

  @Test
  void the_non_members_own_peer_refuses_its_lookups_and_audit_queries() {
    assertThat(lookupByD.code()).isEqualTo("ACCESS_DENIED");
    assertThat(auditByD.code()).isEqualTo("ACCESS_DENIED");
    assertThat(String.valueOf(lookupByD.error()))
        .doesNotContain(gatewayEvidence)
        .doesNotContain(gatewayFlagId);
  }

  @Test
  void the_non_members_peer_chaincode_server_and_node_hold_no_trace_of_either_flag() {
    OrganizationDefinition d = org(D);
    List<Path> scanned = new ArrayList<>();
    scanned.add(net.network().layout().peerHome(d));
    scanned.add(net.network().supervisor().logFile(d.peerHostName()));
    scanned.add(net.network().supervisor().logFile(d.chaincodeHostName()));
    scanned.add(net.network().layout().nodeHome(d));
    scanned.add(net.network().supervisor().logFile(d.nodeHostName()));

    for (Path p : scanned) {
      for (String marker :
          List.of(
              gatewayFlagId,
              gatewayEvidence,
              gatewayLookupKey,
              nodeFlagId,
              nodeEvidence,
              nodeIdentifier.substring(7))) {
        assertThat(LeakScan.filesContaining(p, marker)).as(marker + " under " + p).isEmpty();
      }
    }
    assertThat(LeakScan.countFiles(net.network().layout().peerHome(d)))
        .as("D's peer has ledger files to scan")
        .isGreaterThan(10);
    assertThat(LeakScan.countFiles(net.network().layout().nodeHome(d)))
        .as("D's node has files to scan")
        .isGreaterThan(0);
  }

  @Test
  void the_treaty_members_peers_do_hold_the_flags_so_the_scan_can_find_them() {
    for (int member : new int[] {B, C}) {
      Path peer = net.network().layout().peerHome(org(member));
      for (String marker :
          List.of(gatewayFlagId, gatewayEvidence, gatewayLookupKey, nodeFlagId, nodeEvidence)) {
        assertThat(LeakScan.filesContaining(peer, marker))
            .as(marker + " on the peer of member " + member)
            .isNotEmpty();
      }
    }
  }

  private static Result lookup(int org, Map<String, byte[]> hidden) {
    return evaluate(
        actors.contract(org, "case-officer"),
        "flag:lookup",
        "{\"treatyId\":\"" + TREATY + "\"}",
        hidden,
        actors.msp(org));
  }

  private static OrganizationDefinition org(int index) {
    return net.network().definition().organizations().get(index);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
