package org.regnet.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.network.process.CommandRunner;

class CcaasPackageTest {

  @Test
  void the_package_id_is_the_label_and_the_sha256_of_the_package_and_equal_input_gives_equal_ids(
      @TempDir Path tmp) throws Exception {
    Path pem = tmp.resolve("x.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    CommandRunner tar = new CommandRunner(tmp.resolve("log"));

    CcaasPackage a =
        CcaasPackage.create(tmp.resolve("a"), "regnet_0_1_0", "127.0.0.1:7055", pem, pem, pem, tar);
    CcaasPackage b =
        CcaasPackage.create(tmp.resolve("b"), "regnet_0_1_0", "127.0.0.1:7055", pem, pem, pem, tar);
    CcaasPackage other =
        CcaasPackage.create(tmp.resolve("c"), "regnet_0_1_0", "127.0.0.1:8055", pem, pem, pem, tar);

    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a.file())));
    assertThat(a.packageId()).isEqualTo("regnet_0_1_0:" + sha);
    assertThat(b.packageId()).isEqualTo(a.packageId());
    assertThat(other.packageId()).isNotEqualTo(a.packageId());
  }
}
