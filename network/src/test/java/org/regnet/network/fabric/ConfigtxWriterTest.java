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
    for (var o : def.ordering().orderers()) {
      assertThat(yaml).contains("Port: " + o.clusterPort()).contains("\"" + o.endpoint() + "\"");
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
}
