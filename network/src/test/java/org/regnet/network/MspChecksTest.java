package org.regnet.network;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.NodeSpec;
import org.regnet.crypto.NodeType;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.OrgSpec;
import org.regnet.crypto.OrganizationCrypto;
import org.regnet.crypto.UserSpec;
import org.regnet.crypto.UserType;

class MspChecksTest {
  private static OrgMaterial org(Path base, String domain) {
    return OrganizationCrypto.generate(
        base,
        new OrgSpec(
            domain,
            "XMSP",
            "DE",
            List.of(new NodeSpec("peer0", NodeType.PEER, List.of())),
            List.of(new UserSpec("Admin", UserType.ADMIN, Map.of())),
            List.of()));
  }

  @Test
  void accepts_an_organisation_whose_certificates_chain_to_its_declared_cas(@TempDir Path tmp) {
    OrgMaterial m = org(tmp, "delta.regnet.test");
    assertThatCode(() -> MspChecks.requireChains(m.orgDir(), "delta.regnet.test"))
        .doesNotThrowAnyException();
  }

  @Test
  void refuses_a_signing_certificate_issued_by_another_ca(@TempDir Path tmp) throws Exception {
    OrgMaterial m = org(tmp.resolve("a"), "delta.regnet.test");
    OrgMaterial other = org(tmp.resolve("b"), "delta.regnet.test");
    Path admin = m.userMspDir("Admin").resolve("signcerts/Admin@delta.regnet.test-cert.pem");
    Files.copy(
        other.userMspDir("Admin").resolve("signcerts/Admin@delta.regnet.test-cert.pem"),
        admin,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> MspChecks.requireChains(m.orgDir(), "delta.regnet.test"))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("does not chain");
  }

  @Test
  void refuses_a_tls_certificate_issued_by_another_tls_ca(@TempDir Path tmp) throws Exception {
    OrgMaterial m = org(tmp.resolve("a"), "delta.regnet.test");
    OrgMaterial other = org(tmp.resolve("b"), "delta.regnet.test");
    Files.copy(
        other.nodeDir("peer0").resolve("tls/server.crt"),
        m.nodeDir("peer0").resolve("tls/server.crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> MspChecks.requireChains(m.orgDir(), "delta.regnet.test"))
        .hasMessageContaining("server.crt");
  }
}
