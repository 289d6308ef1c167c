package org.regnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void secret_files_are_owner_only_in_owner_only_directories(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("a/b/secret");
    SecureFiles.writeSecret(file, "s3cret");

    assertThat(Files.readString(file)).isEqualTo("s3cret");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(tmp.resolve("a/b"))).isEqualTo("rwx------");
    try (Stream<Path> s = Files.list(tmp.resolve("a/b"))) {
      assertThat(s.toList()).containsExactly(file); // no temporary left behind
    }
  }

  @Test
  void rewriting_a_world_readable_file_leaves_it_owner_only(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("key");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SecureFiles.writeSecret(file, "new");

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void refuses_a_file_readable_by_group_or_others(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("key");
    SecureFiles.writeSecret(file, "k");
    SecureFiles.requireOwnerOnly(file, "tls.key");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThatThrownBy(() -> SecureFiles.requireOwnerOnly(file, "tls.key"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tls.key")
        .hasMessageContaining("group or others");
  }

  @Test
  void every_private_key_of_an_organisation_is_owner_only(@TempDir Path tmp) throws Exception {
    OrganizationCrypto.generate(
        tmp,
        new OrgSpec(
            "alpine.regnet.test",
            "AlpineMSP",
            "CH",
            List.of(new NodeSpec("peer0", NodeType.PEER, List.of())),
            List.of(new UserSpec("Admin", UserType.ADMIN, Map.of())),
            List.of(new TlsServerSpec("node", List.of())),
            List.of("node")));
    List<Path> keys;
    try (Stream<Path> s = Files.walk(tmp)) {
      keys =
          s.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().matches("priv_sk|.*\\.key"))
              .toList();
    }
    assertThat(keys).hasSizeGreaterThanOrEqualTo(7);
    for (Path k : keys) {
      assertThat(mode(k)).as(k.toString()).isEqualTo("rw-------");
      assertThat(mode(k.getParent())).as(k.getParent().toString()).isEqualTo("rwx------");
    }
  }
}
