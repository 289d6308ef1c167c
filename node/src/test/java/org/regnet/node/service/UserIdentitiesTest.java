package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.FabricAttributes;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.Pem;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.config.NodeConfigLoader;

class UserIdentitiesTest {

  private static Node node(Path dir, String extra) throws Exception {
    return new Node(
        NodeConfigLoader.load(
            TestConfigs.write(dir, extra), Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
  }

  private static CertificateAuthority issuingCa(Path dir) {
    OrgMaterial m = new OrgMaterial(dir.resolve("crypto/test.regnet.test"), "test.regnet.test");
    return CertificateAuthority.load(
        m.issuingCaDir("node").resolve("ca.crt"), m.issuingCaDir("node").resolve("priv_sk"));
  }

  @Test
  void user_certificates_come_from_the_issuing_ca_and_live_at_most_a_day(@TempDir Path dir)
      throws Exception {
    Node node = node(dir, "");
    X509Certificate cert = node.userAdmin().create("carol", "auditor", "carol-password-123");

    assertThat(cert.getIssuerX500Principal())
        .isEqualTo(issuingCa(dir).certificate().getSubjectX500Principal());
    assertThat(Duration.between(java.time.Instant.now(), cert.getNotAfter().toInstant()))
        .isLessThanOrEqualTo(Duration.ofHours(24));
    assertThat(FabricAttributes.parse(cert)).containsEntry("role", "auditor");
    cert.verify(issuingCa(dir).certificate().getPublicKey());
  }

  @Test
  void a_certificate_due_for_renewal_is_renewed_for_the_same_key_and_role(@TempDir Path dir)
      throws Exception {
    Node node = node(dir, "");
    node.userAdmin().create("carol", "investigator", "carol-password-123");
    // The stored certificate is made one that ends within a third of the lifetime.
    X509Certificate old =
        Pem.certificate(node.users().find("carol").orElseThrow().certificatePem());
    X509Certificate shortLived =
        new CertificateIssuer(issuingCa(dir), Duration.ofMinutes(10), Clock.systemUTC())
            .issueUser("carol", "investigator", old.getPublicKey());
    node.users().setCertificate("carol", Pem.encode(shortLived));

    X509Certificate current = node.identities().certificate("carol");

    assertThat(current.getSerialNumber()).isNotEqualTo(shortLived.getSerialNumber());
    assertThat(current.getPublicKey()).isEqualTo(old.getPublicKey());
    assertThat(current.getNotAfter()).isAfter(shortLived.getNotAfter());
    assertThat(FabricAttributes.parse(current)).containsEntry("role", "investigator");
    assertThat(node.users().find("carol").orElseThrow().certificatePem())
        .isEqualTo(Pem.encode(current));
    // The renewed certificate is current: asking again keeps it.
    assertThat(node.identities().certificate("carol")).isEqualTo(current);
  }

  @Test
  void renewal_covers_every_enabled_user_due_and_skips_disabled_ones(@TempDir Path dir)
      throws Exception {
    Node node = node(dir, "");
    CertificateIssuer shortIssuer =
        new CertificateIssuer(issuingCa(dir), Duration.ofMinutes(10), Clock.systemUTC());
    for (String u : new String[] {"carol", "dave"}) {
      node.userAdmin().create(u, "auditor", u + "-password-123");
      X509Certificate c = Pem.certificate(node.users().find(u).orElseThrow().certificatePem());
      node.users()
          .setCertificate(u, Pem.encode(shortIssuer.issueUser(u, "auditor", c.getPublicKey())));
    }
    node.userAdmin().disable("dave");
    String daveBefore = node.users().find("dave").orElseThrow().certificatePem();

    assertThat(node.identities().renewDue()).isEqualTo(1);
    assertThat(node.identities().renewDue()).isZero();
    assertThat(node.users().find("dave").orElseThrow().certificatePem()).isEqualTo(daveBefore);
  }

  @Test
  void a_disabled_user_has_no_identity_to_sign_with(@TempDir Path dir) throws Exception {
    Node node = node(dir, "");
    node.userAdmin().create("carol", "auditor", "carol-password-123");
    assertThat(node.identities().certificate("carol")).isNotNull();

    node.userAdmin().disable("carol");

    assertThatThrownBy(() -> node.identities().certificate("carol"))
        .isInstanceOfSatisfying(
            LedgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"))
        .hasMessageContaining("disabled");
  }

  @Test
  void the_node_refuses_a_root_ca_as_its_issuing_ca(@TempDir Path dir) {
    CertificateAuthority root = CertificateAuthority.create("CH", "test", "ca.test");
    assertThatThrownBy(() -> new CertificateIssuer(root, Duration.ofHours(1), Clock.systemUTC()))
        .hasMessageContaining("never the organisation's root");
  }

  @Test
  void a_sealed_key_opens_only_for_its_purpose_and_secret(@TempDir Path dir) throws Exception {
    TestConfigs.write(dir, "");
    Path sealed = dir.resolve("issuing-ca.sealed");
    assertThat(SealedKeys.open(new KeySealer(TestConfigs.SECRET), SealedKeys.ISSUING_CA, sealed))
        .isEqualTo(
            Pem.readPrivateKey(
                dir.resolve("crypto/test.regnet.test/issuing/node.test.regnet.test/priv_sk")));
    assertThatThrownBy(
            () -> SealedKeys.open(new KeySealer(TestConfigs.SECRET), SealedKeys.ORG_ADMIN, sealed))
        .hasMessageContaining("cannot open");
    assertThatThrownBy(
            () -> SealedKeys.open(new KeySealer("y".repeat(40)), SealedKeys.ISSUING_CA, sealed))
        .hasMessageContaining("cannot open");
    assertThat(java.nio.file.Files.readString(sealed)).doesNotContain("PRIVATE KEY");
  }
}
