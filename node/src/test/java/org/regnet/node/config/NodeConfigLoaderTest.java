package org.regnet.node.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {

  @Test
  void refuses_an_unknown_key_naming_it(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("n.yaml");
    Files.writeString(f, "name: a\nmspId: AMSP\nlisten: {host: 127.0.0.1, port: 1}\nsecrett: x\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
        .hasMessageContaining("secrett")
        .hasMessageContaining("unknown");
  }

  @Test
  void names_the_first_missing_file(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("n.yaml");
    Files.writeString(
        f,
        "name: a\nmspId: AMSP\nlisten: {host: 127.0.0.1, port: 1}\ntls: {cert: nope.pem, key: nope.key}\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tls.cert");
  }

  @Test
  void refuses_a_port_that_is_not_a_number(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("n.yaml");
    Files.writeString(f, "name: a\nmspId: AMSP\nlisten: {host: 127.0.0.1, port: 80}\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of("REGNET_NODE_PORT", "eighty")))
        .hasMessageContaining("listen.port");
  }
}
