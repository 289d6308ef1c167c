package org.regnet.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.network.NetworkLayout;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;

class ConfigtxWriterTest {
  private final NetworkDefinition def =
      NetworkDefinitions.load(Path.of("../network-config/network.yaml")).withPortOffset(100);

  @Test
  void writes_raft_consenters_anchor_peers_and_node_ou_policies_from_the_definition(
      @TempDir Path tmp) throws Exception {
    NetworkLayout layout = new NetworkLayout(tmp, tmp.resolve("state"));

    String yaml = Files.readString(ConfigtxWriter.write(def, layout, tmp.resolve("ctx")));

    assertThat(yaml).contains("OrdererType: etcdraft").contains("V3_0: true");
    assertThat(yaml).doesNotContain("RegNetOrdererMSP").doesNotContain("ordering.regnet.test");
    for (var org : def.organizations()) {
      var o = org.orderer();
      assertThat(yaml)
          .contains("Port: " + o.clusterPort())
          .contains("\"" + o.endpoint() + "\"")
          .contains(org.ordererHostName() + "/tls/server.crt")
          .contains("- *" + org.mspId() + "_Orderer")
          .contains("Rule: \"OR('" + org.mspId() + ".orderer', '" + org.mspId() + ".admin')\"");
    }
    for (var org : def.organizations()) {
      assertThat(yaml)
          .contains("ID: " + org.mspId())
          .contains("Port: " + org.peer().port())
          .contains("Rule: \"OR('" + org.mspId() + ".peer')\"")
          .contains("Rule: \"OR('" + org.mspId() + ".admin', '" + org.mspId() + ".client')\"");
    }
    assertThat(yaml).contains("Admins: { Type: ImplicitMeta, Rule: \"MAJORITY Admins\" }");
  }

  @Test
  void writes_the_block_cutting_it_is_given(@TempDir Path tmp) throws Exception {
    NetworkLayout layout = new NetworkLayout(tmp, tmp.resolve("state"));

    String yaml =
        Files.readString(
            ConfigtxWriter.write(def, layout, tmp.resolve("ctx"), new BatchSettings("100ms", 50)));

    assertThat(yaml)
        .contains("\n  BatchTimeout: 100ms\n  BatchSize:\n    MaxMessageCount: 50\n")
        .contains("    AbsoluteMaxBytes: 10 MB\n")
        .doesNotContain("250ms\n  BatchSize");
  }

  @Test
  void writes_the_raft_timing_it_is_given(@TempDir Path tmp) throws Exception {
    NetworkLayout layout = new NetworkLayout(tmp, tmp.resolve("state"));

    String yaml =
        Files.readString(
            ConfigtxWriter.write(
                def, layout, tmp.resolve("ctx"), BatchSettings.DEFAULT, new RaftTiming(250, 6)));

    assertThat(yaml)
        .contains("TickInterval: 250ms\n      ElectionTick: 6\n      HeartbeatTick: 1\n")
        .doesNotContain("ElectionTick: 10");
  }

  @Test
  void writes_one_bft_consenter_per_member_with_its_msp_and_signing_identity(@TempDir Path tmp)
      throws Exception {
    NetworkDefinition bft = NetworkDefinitions.load(Path.of("../network-config/network-bft.yaml"));
    NetworkLayout layout = new NetworkLayout(tmp, tmp.resolve("state"));

    String yaml = Files.readString(ConfigtxWriter.write(bft, layout, tmp.resolve("ctx")));

    assertThat(yaml).contains("OrdererType: BFT").contains("SmartBFT:").doesNotContain("EtcdRaft");
    for (int i = 0; i < 4; i++) {
      var org = bft.organizations().get(i);
      assertThat(yaml)
          .contains("- ID: " + (i + 1) + "\n      Host: " + org.orderer().host())
          .contains("MSPID: " + org.mspId())
          .contains("signcerts/" + org.ordererHostName() + "-cert.pem");
    }
  }
}
