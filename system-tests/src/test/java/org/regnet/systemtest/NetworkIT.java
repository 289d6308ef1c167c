package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.network.process.CommandRunner;
import org.regnet.systemtest.support.ChannelConfig;
import org.regnet.systemtest.support.FabricClients;
import org.regnet.systemtest.support.TestNetwork;

/** The network itself: three authorities, Raft ordering, the chaincode live on every peer. */
class NetworkIT {
  private static TestNetwork net;
  private static final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeAll
  static void start() {
    net = TestNetwork.shared();
  }

  @AfterAll
  static void closeChannels() throws InterruptedException {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void describes_three_authorities_in_distinct_jurisdictions_each_running_its_own_orderer() {
    JsonNode d = net.descriptor();
    assertThat(d.get("organizations")).hasSize(3);
    assertThat(d.get("orderers")).hasSize(3);
    assertThat(d.get("ordering").asText()).isEqualTo("Raft");
    // No organisation outside the members runs an orderer.
    List<String> members = new ArrayList<>();
    d.get("organizations").forEach(o -> members.add(o.get("mspId").asText()));
    List<String> ordererMsps = new ArrayList<>();
    d.get("orderers").forEach(o -> ordererMsps.add(o.get("mspId").asText()));
    assertThat(ordererMsps).containsExactlyElementsOf(members);
    List<String> jurisdictions = new ArrayList<>();
    d.get("organizations").forEach(o -> jurisdictions.add(o.get("jurisdiction").asText()));
    assertThat(jurisdictions).doesNotHaveDuplicates().allMatch(j -> j.matches("[A-Z]{2}"));
    d.get("organizations")
        .forEach(
            o -> {
              assertThat(Path.of(o.get("peer").get("tlsRootCert").asText())).isAbsolute().exists();
              assertThat(Path.of(o.get("adminMspDir").asText())).isAbsolute().isDirectory();
            });
  }

  @Test
  void the_channel_is_ordered_by_one_raft_consenter_per_member_and_by_nobody_else() {
    var def = net.network().definition();
    ChannelConfig config = ChannelConfig.fetch(net.network(), def.organizations().get(1));

    List<String> members = def.organizations().stream().map(o -> o.mspId()).toList();
    assertThat(config.organizations("Orderer")).containsExactlyInAnyOrderElementsOf(members);
    assertThat(config.organizations("Application")).containsExactlyInAnyOrderElementsOf(members);
    assertThat(config.consensusType()).isEqualTo("etcdraft");
    assertThat(config.consenters())
        .containsExactlyInAnyOrderElementsOf(
            def.organizations().stream().map(o -> o.orderer().cluster().toString()).toList());
    for (var org : def.organizations()) {
      assertThat(config.ordererEndpoints(org.mspId()))
          .containsExactly(org.orderer().endpoint().toString());
    }
  }

  @Test
  void chaincode_answers_through_every_peer_with_the_gateway_client() throws Exception {
    for (JsonNode org : net.descriptor().get("organizations")) {
      try (Gateway gw = gateway(org, "auditor")) {
        byte[] result =
            gw.getNetwork(net.channel())
                .getContract(net.chaincode())
                .evaluateTransaction("meta:version");
        assertThat(new String(result, StandardCharsets.UTF_8)).contains("\"version\"");
      }
    }
  }

  @Test
  void a_transaction_submitted_as_A_is_read_back_through_the_peers_of_B_and_C() throws Exception {
    JsonNode a = net.organization(0), b = net.organization(1), c = net.organization(2);
    String request =
        org.regnet.systemtest.support.Requests.foundTreaty(
            "TRT-IT-NETWORK",
            new String[] {
              a.get("mspId").asText(), b.get("mspId").asText(), c.get("mspId").asText()
            },
            new String[] {
              a.get("jurisdiction").asText(),
              b.get("jurisdiction").asText(),
              c.get("jurisdiction").asText()
            });
    byte[] written;
    try (Gateway gw = gateway(a, "treaty-admin")) {
      written =
          gw.getNetwork(net.channel())
              .getContract(net.chaincode())
              .submitTransaction("treaty:found", request);
    }
    assertThat(new String(written, StandardCharsets.UTF_8)).contains("TRT-IT-NETWORK");

    for (JsonNode reader : List.of(b, c)) {
      try (Gateway gw = gateway(reader, "auditor")) {
        byte[] read =
            gw.getNetwork(net.channel())
                .getContract(net.chaincode())
                .newProposal("treaty:get")
                .addArguments("{\"treatyId\":\"TRT-IT-NETWORK\"}")
                .setEndorsingOrganizations(reader.get("mspId").asText())
                .build()
                .evaluate();
        assertThat(new String(read, StandardCharsets.UTF_8))
            .as("read through " + reader.get("mspId").asText())
            .isEqualTo(new String(written, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void the_peer_cli_queries_as_every_organisation_from_network_json_alone() {
    JsonNode d = net.descriptor();
    CommandRunner runner =
        new CommandRunner(TestNetwork.projectRoot().resolve("system-tests/target/peer-cli.log"));
    for (JsonNode org : d.get("organizations")) {
      JsonNode peer = org.get("peer");
      String out =
          runner.run(
              "peer chaincode query as " + org.get("mspId").asText(),
              List.of(
                  d.get("fabricBin").asText() + "/peer",
                  "chaincode",
                  "query",
                  "-C",
                  d.get("channel").asText(),
                  "-n",
                  d.get("chaincode").asText(),
                  "-c",
                  "{\"Args\":[\"meta:version\"]}"),
              Map.of(
                  "FABRIC_CFG_PATH", d.get("fabricConfig").asText(),
                  "CORE_PEER_LOCALMSPID", org.get("mspId").asText(),
                  "CORE_PEER_MSPCONFIGPATH", org.get("adminMspDir").asText(),
                  "CORE_PEER_ADDRESS", peer.get("address").asText(),
                  "CORE_PEER_TLS_ENABLED", "true",
                  "CORE_PEER_TLS_ROOTCERT_FILE", peer.get("tlsRootCert").asText(),
                  "CORE_PEER_TLS_SERVERHOSTOVERRIDE", peer.get("hostOverride").asText()),
              java.time.Duration.ofSeconds(60));
      assertThat(out).contains("\"version\"");
    }
  }

  private static Gateway gateway(JsonNode org, String role) {
    ManagedChannel channel = FabricClients.channel(org);
    channels.add(channel);
    return FabricClients.gateway(
        channel, org.get("mspId").asText(), FabricClients.identityDir(org, role));
  }
}
