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

  @Test
  void refuses_to_start_with_a_key_file_readable_by_others(@TempDir Path dir) throws Exception {
    Path cfg = org.regnet.node.TestConfigs.write(dir, "");
    Path tlsKey =
        dir.resolve("crypto/test.regnet.test/tls-servers/node.test.regnet.test/server.key");
    Files.setPosixFilePermissions(
        tlsKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tls.key")
        .hasMessageContaining("group or others");
  }

  @Test
  void refuses_to_start_with_a_sealed_key_readable_by_the_group(@TempDir Path dir)
      throws Exception {
    Path cfg = org.regnet.node.TestConfigs.write(dir, "");
    Files.setPosixFilePermissions(
        dir.resolve("issuing-ca.sealed"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", SECRET)))
        .hasMessageContaining("issuingCa.sealedKey");
  }

  @Test
  void refuses_a_configuration_file_holding_secrets_readable_by_others(@TempDir Path dir)
      throws Exception {
    Path cfg = org.regnet.node.TestConfigs.write(dir, "secret: " + SECRET + "\n");
    Files.setPosixFilePermissions(
        cfg, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> NodeConfigLoader.load(cfg, Map.of()))
        .hasMessageContaining("the configuration file");
  }

  @Test
  void certificate_lifetime_is_at_most_a_day(@TempDir Path dir) throws Exception {
    Path cfg = org.regnet.node.TestConfigs.write(dir, "certificateLifetimeMinutes: 1441\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", SECRET)))
        .hasMessageContaining("certificateLifetimeMinutes");
    Path ok =
        org.regnet.node.TestConfigs.write(dir.resolve("b"), "certificateLifetimeMinutes: 2\n");
    org.assertj.core.api.Assertions.assertThat(
            NodeConfigLoader.load(ok, Map.of("REGNET_NODE_SECRET", SECRET)).certificateLifetime())
        .isEqualTo(java.time.Duration.ofMinutes(2));
  }

  @Test
  void commit_wait_defaults_to_a_minute_and_is_configurable(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("REGNET_NODE_SECRET", SECRET);
    Path plain = org.regnet.node.TestConfigs.write(dir.resolve("a"), "");
    org.assertj.core.api.Assertions.assertThat(NodeConfigLoader.load(plain, env).commitWait())
        .isEqualTo(java.time.Duration.ofSeconds(60));
    Path tiny = org.regnet.node.TestConfigs.write(dir.resolve("b"), "commitWaitMillis: 1\n");
    org.assertj.core.api.Assertions.assertThat(NodeConfigLoader.load(tiny, env).commitWait())
        .isEqualTo(java.time.Duration.ofMillis(1));
  }

  @Test
  void refuses_a_commit_wait_of_zero(@TempDir Path dir) throws Exception {
    Path cfg = org.regnet.node.TestConfigs.write(dir, "commitWaitMillis: 0\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", SECRET)))
        .hasMessageContaining("commitWaitMillis");
  }

  @Test
  void resend_after_defaults_to_three_seconds_and_zero_turns_it_off(@TempDir Path dir)
      throws Exception {
    Map<String, String> env = Map.of("REGNET_NODE_SECRET", SECRET);
    Path plain = org.regnet.node.TestConfigs.write(dir.resolve("a"), "");
    org.assertj.core.api.Assertions.assertThat(NodeConfigLoader.load(plain, env).resendAfter())
        .isEqualTo(java.time.Duration.ofSeconds(3));
    Path off = org.regnet.node.TestConfigs.write(dir.resolve("b"), "resendAfterMillis: 0\n");
    org.assertj.core.api.Assertions.assertThat(NodeConfigLoader.load(off, env).resendAfter())
        .isZero();
  }

  @Test
  void refuses_a_negative_resend_after(@TempDir Path dir) throws Exception {
    Path cfg = org.regnet.node.TestConfigs.write(dir, "resendAfterMillis: -1\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", SECRET)))
        .hasMessageContaining("resendAfterMillis");
  }

  @Test
  void the_api_lane_defaults_to_64_threads_and_is_configurable(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("REGNET_NODE_SECRET", SECRET);
    Path plain = org.regnet.node.TestConfigs.write(dir.resolve("a"), "");
    org.assertj.core.api.Assertions.assertThat(NodeConfigLoader.load(plain, env).apiThreads())
        .isEqualTo(64);
    Path few = org.regnet.node.TestConfigs.write(dir.resolve("b"), "apiThreads: 4\n");
    org.assertj.core.api.Assertions.assertThat(NodeConfigLoader.load(few, env).apiThreads())
        .isEqualTo(4);
  }

  @Test
  void refuses_an_api_lane_of_no_threads_or_too_many(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("REGNET_NODE_SECRET", SECRET);
    Path none = org.regnet.node.TestConfigs.write(dir.resolve("a"), "apiThreads: 0\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(none, env)).hasMessageContaining("apiThreads");
    Path many = org.regnet.node.TestConfigs.write(dir.resolve("b"), "apiThreads: 513\n");
    assertThatThrownBy(() -> NodeConfigLoader.load(many, env)).hasMessageContaining("apiThreads");
  }

  private static final String SECRET = org.regnet.node.TestConfigs.SECRET;
}
