package org.regnet.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentTest {

  @Test
  void sets_nested_paths_and_keeps_everything_else(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("core.yaml");
    Files.writeString(
        in,
        "peer:\n  id: jdoe\n  tls:\n    enabled: false\n    cert:\n      file: tls/server.crt\nother: 1\n");

    YamlDocument.read(in)
        .set("peer.tls.enabled", true)
        .set("peer.gossip.endpoint", "127.0.0.1:7051")
        .write(tmp.resolve("out.yaml"));

    String out = Files.readString(tmp.resolve("out.yaml"));
    assertThat(out)
        .contains("enabled: true")
        .contains("file: tls/server.crt")
        .contains("id: jdoe")
        .contains("endpoint: 127.0.0.1:7051")
        .contains("other: 1");
  }
}
