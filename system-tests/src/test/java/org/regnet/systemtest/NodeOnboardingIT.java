package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.network.AuthorityOnboarding;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Treaty admins admit a fourth authority through their nodes: A's admin proposes the admission
 * carrying the channel configuration update (computed by the candidate's tooling); B's admin sees
 * it in B's inbox and approves through B's node, which adds B's admin signature on chain; with one
 * signature the orderer refuses the update and nothing changes, with the majority it applies. The
 * new authority joins, starts its node, signs an agreement with A and receives a referral that C
 * (no party) cannot read.
 */
class NodeOnboardingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-NODE-ONBOARD";
  private static TestNetwork net;

  @BeforeAll
  static void start() {
    net = TestNetwork.start(40_000, "it-node-onboarding", List.of(new NodesExtension()));
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.network().down();
    }
  }

  private static String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  @Test
  void a_fourth_authority_is_admitted_through_the_admins_nodes() throws Exception {
    NodeClient nodeA = new NodeClient(net.organization(A));
    NodeClient nodeB = new NodeClient(net.organization(B));
    NodeClient nodeC = new NodeClient(net.organization(C));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    assertThat(
            nodeA
                .call(
                    "POST",
                    "/v1/treaties",
                    Requests.foundTreaty(
                        TREATY,
                        new String[] {msp(A), msp(B), msp(C)},
                        new String[] {"CH", "SG", "BR"}),
                    adminA)
                .status())
        .isEqualTo(200);

    // The candidate prepares its MSP and the update that adds it (its own tooling).
    NetworkDefinition def = net.network().definition();
    OrganizationDefinition a = def.organizations().get(A);
    OrganizationDefinition d =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "DE");
    Path envelope = new AuthorityOnboarding(net.network()).prepareUpdate(d, a);
    String update =
        Base64.getEncoder()
            .encodeToString(Files.readAllBytes(AuthorityOnboarding.configUpdate(envelope)));

    // Tampered versions of the same update are refused at proposal, by the node before its admin
    // signs and by the chaincode when a client bypasses the node; nothing is recorded.
    ConfigUpdate honest = ConfigUpdate.parseFrom(Base64.getDecoder().decode(update));
    Map<String, String> tampered = new HashMap<>();
    tampered.put("a policy change", base64(alsoChangesAdminsPolicy(honest)));
    tampered.put("another member's removal", base64(dropsGroup(honest, msp(C))));
    Path caOfA =
        net.network().layout().orgCrypto(a.domain()).resolve("ca/ca." + a.domain() + "-cert.pem");
    tampered.put("an admin certificate", base64(addsAdminCertificate(honest, d.mspId(), caOfA)));
    tampered.put(
        "a capabilities change",
        base64(
            alsoSets(
                honest,
                null,
                "Capabilities",
                Capabilities.newBuilder()
                    .putCapabilities("V9_9", Capability.getDefaultInstance())
                    .build()
                    .toByteString())));
    tampered.put(
        "a batch size change",
        base64(
            alsoSets(
                honest,
                "Orderer",
                "BatchSize",
                BatchSize.newBuilder().setMaxMessageCount(100_000).build().toByteString())));
    // D's own orderer comes in the same update as a Raft consenter; any other consenter change is
    // refused: a foreign orderer (A's TLS certificate) in D's place, or C's consenter dropped.
    OrganizationDefinition c = def.organizations().get(C);
    ByteString foreignCert =
        ByteString.copyFrom(
            Files.readAllBytes(
                net.network()
                    .layout()
                    .orgCrypto(a.domain())
                    .resolve("nodes")
                    .resolve(a.ordererHostName())
                    .resolve("tls/server.crt")));
    tampered.put(
        "a foreign consenter",
        base64(
            withConsenters(
                honest,
                list -> {
                  Consenter own = list.remove(list.size() - 1);
                  list.add(
                      own.toBuilder()
                          .setClientTlsCert(foreignCert)
                          .setServerTlsCert(foreignCert)
                          .build());
                  return list;
                })));
    tampered.put(
        "another member's consenter removed",
        base64(
            withConsenters(
                honest,
                list -> {
                  list.removeIf(k -> k.getPort() == c.orderer().clusterPort());
                  return list;
                })));
    try (Actors actors = new Actors(net)) {
      for (Map.Entry<String, String> t : tampered.entrySet()) {
        String body =
            "{\"kind\":\"ADMIT\",\"msp\":\""
                + d.mspId()
                + "\",\"jurisdiction\":\"DE\",\"channelUpdate\":\""
                + t.getValue()
                + "\"}";
        Answer viaNode =
            nodeA.call("POST", "/v1/treaties/" + TREATY + "/membership-changes", body, adminA);
        assertThat(viaNode.status()).as(t.getKey() + ": " + viaNode.body()).isEqualTo(400);
        assertThat(viaNode.code()).as(t.getKey()).isEqualTo("VALIDATION_FAILED");

        Result direct =
            Calls.submit(
                actors.contract(A, "treaty-admin"),
                "treaty:proposeMembershipChange",
                body.replace("{", "{\"treatyId\":\"" + TREATY + "\","));
        assertThat(direct.code())
            .as(t.getKey() + " bypassing the node")
            .isEqualTo("VALIDATION_FAILED");
      }
    }

    long inboxStart =
        nodeB.call("GET", "/v1/inbox?after=0&limit=500", null, adminB).body().get("next").asLong();
    Answer proposed =
        nodeA.call(
            "POST",
            "/v1/treaties/" + TREATY + "/membership-changes",
            "{\"kind\":\"ADMIT\",\"msp\":\""
                + d.mspId()
                + "\",\"jurisdiction\":\"DE\",\"channelUpdate\":\""
                + update
                + "\"}",
            adminA);
    assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(200);
    String changeId = proposed.body().get("changeId").asText();

    // One signature of three: the ordering service refuses; nothing changes.
    Answer tooFew =
        nodeA.call(
            "POST",
            "/v1/treaties/" + TREATY + "/membership-changes/" + changeId + "/channel-submission",
            null,
            adminA);
    assertThat(tooFew.status()).as(tooFew.body().toString()).isEqualTo(403);

    // B's admin finds the proposal in B's inbox and approves through B's node.
    JsonNode seen = null;
    for (int i = 0; i < 30 && seen == null; i++) {
      for (JsonNode item :
          nodeB.call("GET", "/v1/inbox?after=" + inboxStart, null, adminB).body().get("items")) {
        if (changeId.equals(item.path("objectId").asText())) {
          seen = item;
        }
      }
      Thread.sleep(500);
    }
    assertThat(seen).as("the proposal reached B's inbox").isNotNull();
    Answer approved =
        nodeB.call(
            "POST",
            "/v1/treaties/" + TREATY + "/membership-changes/" + changeId + "/approvals",
            null,
            adminB);
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(approved.body().get("status").asText()).isEqualTo("APPLIED");
    Answer gathered =
        nodeB.call(
            "GET",
            "/v1/treaties/" + TREATY + "/membership-changes/" + changeId + "/channel-update",
            null,
            adminB);
    assertThat(gathered.body().get("signatures").size()).isEqualTo(2);
    // what the approvers read: the group added and the fingerprint of the candidate's root CA
    JsonNode summary = gathered.body().get("summary");
    assertThat(summary.get("action").asText()).isEqualTo("ADD");
    assertThat(summary.get("msp").asText()).isEqualTo(d.mspId());
    assertThat(summary.get("description").asText())
        .contains("adds its orderer as Raft consenter " + d.orderer().cluster());
    assertThat(summary.get("rootCaSha256").get(0).asText())
        .isEqualTo(
            fingerprint(
                net.network()
                    .layout()
                    .orgCrypto(d.domain())
                    .resolve("ca/ca." + d.domain() + "-cert.pem")));

    Answer submitted =
        nodeB.call(
            "POST",
            "/v1/treaties/" + TREATY + "/membership-changes/" + changeId + "/channel-submission",
            null,
            adminB);
    assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
    assertThat(submitted.body().get("status").asText()).isEqualTo("SUCCESS");

    // The new authority joins, runs the chaincode under the next definition, starts its node.
    Map<String, String> packageIds = new HashMap<>();
    net.descriptor()
        .get("organizations")
        .forEach(
            o -> packageIds.put(o.get("mspId").asText(), o.get("chaincodePackageId").asText()));
    NetworkDefinition grown = AuthorityOnboarding.withMember(def, d);
    new AuthorityOnboarding(net.network()).joinAndDeploy(grown, d, packageIds);
    FabricNetwork next = new FabricNetwork(grown, net.network().layout());
    Map<String, String> urls = new HashMap<>();
    Map<String, List<Map<String, String>>> users = new HashMap<>();
    Map<String, Path> cas = new HashMap<>();
    ProcessRecord nodeProcess = NodesExtension.prepareAndStart(next, d, urls, users, cas);
    Ports.awaitListening(
        d.node().endpoint(),
        nodeProcess,
        next.supervisor().logFile(nodeProcess.name()),
        Duration.ofSeconds(60));
    ObjectNode orgD =
        JSON.createObjectNode()
            .put("nodeUrl", urls.get(d.mspId()))
            .put("nodeTlsCaCert", cas.get(d.mspId()).toString());
    orgD.set("users", JSON.valueToTree(users.get(d.mspId())));
    NodeClient nodeD = new NodeClient(orgD);
    String adminD = NodeClient.login(nodeD, orgD, "treaty-admin");

    String agreementId =
        nodeA
            .call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, d.mspId()), adminA)
            .body()
            .get("agreementId")
            .asText();
    Answer signed =
        nodeD.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminD);
    assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
    assertThat(signed.body().get("status").asText()).isEqualTo("ACTIVE");

    String officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    String marker = Requests.marker();
    Answer referral =
        nodeA.call(
            "POST",
            "/v1/referrals",
            "{\"agreementId\":\""
                + agreementId
                + "\",\"typology\":\"SPOOFING\","
                + "\"instrumentClass\":\"PERPETUAL_FUTURE\",\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],"
                + "\"payload\":"
                + Requests.payload(marker)
                + "}",
            officerA);
    assertThat(referral.status()).as(referral.body().toString()).isEqualTo(200);
    String referralId = referral.body().get("referralId").asText();

    String investigatorD = NodeClient.login(nodeD, orgD, "investigator");
    Answer view =
        nodeD.call(
            "POST",
            "/v1/referrals/" + referralId + "/payload-views",
            "{\"purpose\":\"INVESTIGATION\"}",
            investigatorD);
    assertThat(view.status()).as(view.body().toString()).isEqualTo(200);
    assertThat(view.body().get("payload").get("facts").asText()).contains(marker);

    String officerC = NodeClient.login(nodeC, net.organization(C), "case-officer");
    assertThat(nodeC.call("GET", "/v1/referrals/" + referralId, null, officerC).status())
        .isIn(403, 404);
    assertThat(
            LeakScan.filesContaining(
                net.network().layout().peerHome(def.organizations().get(C)), marker))
        .isEmpty();

    // A college with the admitted authority (decision 0035): A, B and D share a case; C, a member
    // of the treaty outside the college, can neither read it through its node nor find any of it
    // on its peer, while B's and D's peers hold what D shared.
    String officerB = NodeClient.login(nodeB, net.organization(B), "case-officer");
    String officerD = NodeClient.login(nodeD, orgD, "case-officer");
    String collegeTitle = Requests.marker();
    Answer college =
        nodeA.call(
            "POST",
            "/v1/colleges",
            "{\"treatyId\":\"%s\",\"title\":\"%s\",\"members\":[\"%s\",\"%s\",\"%s\"]}"
                .formatted(TREATY, collegeTitle, msp(A), msp(B), d.mspId()),
            officerA);
    assertThat(college.status()).as(college.body().toString()).isEqualTo(200);
    String collegeId = college.body().get("college").get("collegeId").asText();
    String shared = Requests.marker();
    Answer item =
        nodeD.call(
            "POST",
            "/v1/colleges/" + collegeId + "/items",
            "{\"title\":\"Venue D order book\",\"information\":\"%s\"}".formatted(shared),
            officerD);
    assertThat(item.status()).as(item.body().toString()).isEqualTo(200);
    for (var member : List.of(nodeA, nodeB)) {
      String token = member == nodeA ? officerA : officerB;
      Answer read = member.call("GET", "/v1/colleges/" + collegeId, null, token);
      assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
      assertThat(read.body().get("items").get(0).get("information").asText()).isEqualTo(shared);
    }
    Answer refused = nodeC.call("GET", "/v1/colleges/" + collegeId, null, officerC);
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
    assertThat(
            nodeC
                .call(
                    "POST",
                    "/v1/colleges/" + collegeId + "/items",
                    "{\"title\":\"t\",\"information\":\"x\"}",
                    officerC)
                .status())
        .isEqualTo(403);
    Path peerC = net.network().layout().peerHome(def.organizations().get(C));
    for (String m : List.of(collegeTitle, shared)) {
      assertThat(LeakScan.filesContaining(peerC, m)).as("C's peer holds " + m).isEmpty();
    }
    assertThat(
            LeakScan.filesContaining(
                net.network().layout().peerHome(def.organizations().get(B)), shared))
        .isNotEmpty();
  }

  private static String base64(ConfigUpdate u) {
    return Base64.getEncoder().encodeToString(u.toByteArray());
  }

  /** The honest update, plus the Application Admins policy raised to ANY Admins. */
  private static ConfigUpdate alsoChangesAdminsPolicy(ConfigUpdate u) {
    ConfigGroup readApp = u.getReadSet().getGroupsOrThrow("Application");
    long version = readApp.getPoliciesOrThrow("Admins").getVersion();
    ConfigPolicy anyAdmins =
        ConfigPolicy.newBuilder()
            .setVersion(version + 1)
            .setModPolicy("Admins")
            .setPolicy(
                Policy.newBuilder()
                    .setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                    .setValue(
                        ImplicitMetaPolicy.newBuilder()
                            .setSubPolicy("Admins")
                            .setRule(ImplicitMetaPolicy.Rule.ANY)
                            .build()
                            .toByteString()))
            .build();
    ConfigGroup writeApp =
        u.getWriteSet().getGroupsOrThrow("Application").toBuilder()
            .putPolicies("Admins", anyAdmins)
            .build();
    return u.toBuilder()
        .setWriteSet(u.getWriteSet().toBuilder().putGroups("Application", writeApp))
        .build();
  }

  /** The honest update, whose new organisation's MSP also lists {@code adminCert} as an admin. */
  private static ConfigUpdate addsAdminCertificate(ConfigUpdate u, String msp, Path adminCert)
      throws Exception {
    ConfigGroup app = u.getWriteSet().getGroupsOrThrow("Application");
    ConfigGroup org = app.getGroupsOrThrow(msp);
    ConfigValue value = org.getValuesOrThrow("MSP");
    MSPConfig mspConfig = MSPConfig.parseFrom(value.getValue());
    FabricMSPConfig fabric =
        FabricMSPConfig.parseFrom(mspConfig.getConfig()).toBuilder()
            .addAdmins(ByteString.copyFrom(Files.readAllBytes(adminCert)))
            .build();
    ConfigValue withAdmin =
        value.toBuilder()
            .setValue(mspConfig.toBuilder().setConfig(fabric.toByteString()).build().toByteString())
            .build();
    ConfigGroup newOrg = org.toBuilder().putValues("MSP", withAdmin).build();
    return u.toBuilder()
        .setWriteSet(
            u.getWriteSet().toBuilder()
                .putGroups("Application", app.toBuilder().putGroups(msp, newOrg).build()))
        .build();
  }

  /**
   * The honest update, plus the value {@code name} set in the channel group (or in its group {@code
   * group}), as a change of capabilities or of the orderer's batch size would.
   */
  private static ConfigUpdate alsoSets(
      ConfigUpdate u, String group, String name, ByteString content) {
    ConfigValue value =
        ConfigValue.newBuilder().setVersion(1).setModPolicy("Admins").setValue(content).build();
    ConfigGroup.Builder write = u.getWriteSet().toBuilder();
    if (group == null) {
      write.putValues(name, value);
    } else {
      write.putGroups(group, ConfigGroup.newBuilder().putValues(name, value).build());
    }
    return u.toBuilder().setWriteSet(write).build();
  }

  /** The honest update with its Raft consenters (the current ones plus D's) edited. */
  private static ConfigUpdate withConsenters(
      ConfigUpdate u, java.util.function.UnaryOperator<List<Consenter>> edit) throws Exception {
    ConfigGroup orderer = u.getWriteSet().getGroupsOrThrow("Orderer");
    ConfigValue value = orderer.getValuesOrThrow("ConsensusType");
    ConsensusType type = ConsensusType.parseFrom(value.getValue());
    ConfigMetadata raft = ConfigMetadata.parseFrom(type.getMetadata());
    List<Consenter> edited = edit.apply(new java.util.ArrayList<>(raft.getConsentersList()));
    ConsensusType changed =
        type.toBuilder()
            .setMetadata(
                raft.toBuilder().clearConsenters().addAllConsenters(edited).build().toByteString())
            .build();
    ConfigGroup write =
        orderer.toBuilder()
            .putValues("ConsensusType", value.toBuilder().setValue(changed.toByteString()).build())
            .build();
    return u.toBuilder()
        .setWriteSet(u.getWriteSet().toBuilder().putGroups("Orderer", write))
        .build();
  }

  /** The honest update, with a member's group left out of read and write set (so removed). */
  private static ConfigUpdate dropsGroup(ConfigUpdate u, String group) {
    ConfigGroup readApp =
        u.getReadSet().getGroupsOrThrow("Application").toBuilder().removeGroups(group).build();
    ConfigGroup writeApp =
        u.getWriteSet().getGroupsOrThrow("Application").toBuilder().removeGroups(group).build();
    return u.toBuilder()
        .setReadSet(u.getReadSet().toBuilder().putGroups("Application", readApp))
        .setWriteSet(u.getWriteSet().toBuilder().putGroups("Application", writeApp))
        .build();
  }

  /** SHA-256 of a PEM certificate's DER, as the chaincode prints it. */
  private static String fingerprint(Path pem) throws Exception {
    byte[] der =
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(Files.newInputStream(pem))
            .getEncoded();
    String hex =
        java.util.HexFormat.of()
            .withUpperCase()
            .withDelimiter(":")
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
    return hex;
  }
}
