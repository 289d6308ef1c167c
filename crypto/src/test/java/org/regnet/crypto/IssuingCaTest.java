package org.regnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuingCaTest {
  private static final String DOMAIN = "alpine.regnet.test";

  private static OrgMaterial generate(Path base) {
    return OrganizationCrypto.generate(
        base,
        new OrgSpec(
            DOMAIN,
            "AlpineMSP",
            "CH",
            List.of(new NodeSpec("peer0", NodeType.PEER, List.of())),
            List.of(new UserSpec("Admin", UserType.ADMIN, Map.of())),
            List.of(),
            List.of("node")));
  }

  /**
   * Validates with Bouncy Castle's PKIX, which like Go's crypto/x509 (Fabric) checks name
   * constraints against subject alternative names only; the JDK's own validator also treats a
   * host-like CN as a DNS name, which no Fabric component does.
   */
  private static void validate(X509Certificate root, X509CRL crl, X509Certificate... chain)
      throws Exception {
    PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    if (crl == null) {
      p.setRevocationEnabled(false);
    } else {
      p.addCertStore(
          java.security.cert.CertStore.getInstance(
              "Collection", new java.security.cert.CollectionCertStoreParameters(List.of(crl))));
    }
    CertPathValidator.getInstance("PKIX", new BouncyCastleProvider())
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), p);
  }

  @Test
  void issuing_ca_is_a_leaf_ca_under_the_root_limited_to_signing(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    X509Certificate root = Pem.readCertificate(m.caCert());
    X509Certificate issuing = Pem.readCertificate(m.issuingCaDir("node").resolve("ca.crt"));

    assertThat(issuing.getBasicConstraints()).isZero();
    assertThat(issuing.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    boolean[] ku = issuing.getKeyUsage();
    assertThat(ku[5]).as("keyCertSign").isTrue();
    assertThat(ku[6]).as("cRLSign").isTrue();
    assertThat(ku[0]).as("digitalSignature").isFalse();
    assertThat(issuing.getCriticalExtensionOIDs()).contains("2.5.29.30"); // name constraints
    validate(root, null, issuing);
  }

  @Test
  void verifying_msp_lists_the_issuing_ca_and_node_ous_accept_any_chain_to_the_root(
      @TempDir Path tmp) throws Exception {
    OrgMaterial m = generate(tmp);
    assertThat(Files.readAllBytes(m.intermediateCert("node")))
        .isEqualTo(Files.readAllBytes(m.issuingCaDir("node").resolve("ca.crt")));
    assertThat(
            m.nodeDir("peer0")
                .resolve("msp/intermediatecerts")
                .resolve(m.intermediateCert("node").getFileName()))
        .exists();
    assertThat(Files.readString(m.mspDir().resolve("config.yaml"))).doesNotContain("cacerts/");
  }

  @Test
  void client_certificates_with_roles_chain_through_the_issuing_ca(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    Path dir = m.issuingCaDir("node");
    CertificateAuthority issuing =
        CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("priv_sk"));
    KeyPair pair = KeyPairs.p256();
    X509Certificate user =
        issuing.issueClient(
            "alice", "client", pair.getPublic(), Map.of("role", "auditor"), Duration.ofHours(24));

    validate(Pem.readCertificate(m.caCert()), null, user, issuing.certificate());
    assertThat(user.getIssuerX500Principal())
        .isEqualTo(issuing.certificate().getSubjectX500Principal());
    assertThat(FabricAttributes.parse(user)).containsEntry("role", "auditor");
    assertThat(user.getSubjectX500Principal().getName()).contains("OU=client").contains("C=CH");
  }

  @Test
  void a_tls_server_certificate_from_the_issuing_ca_fails_its_name_constraints(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    Path dir = m.issuingCaDir("node");
    CertificateAuthority issuing =
        CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("priv_sk"));
    X509Certificate server =
        issuing.issueTls(
            "evil", KeyPairs.p256().getPublic(), List.of("peer0." + DOMAIN), Duration.ofHours(1));

    assertThatThrownBy(
            () -> validate(Pem.readCertificate(m.caCert()), null, server, issuing.certificate()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void an_issuing_ca_cannot_issue_another_ca(@TempDir Path tmp) {
    OrgMaterial m = generate(tmp);
    Path dir = m.issuingCaDir("node");
    CertificateAuthority issuing =
        CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("priv_sk"));
    assertThatThrownBy(() -> issuing.issueIssuingCa("sub", Duration.ofDays(1)))
        .hasMessageContaining("cannot issue another CA");
  }

  @Test
  void revoking_the_issuing_ca_writes_a_root_crl_and_drops_it_from_the_msp(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    X509Certificate root = Pem.readCertificate(m.caCert());
    Path dir = m.issuingCaDir("node");
    CertificateAuthority issuing =
        CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("priv_sk"));
    X509Certificate user =
        issuing.issueClient(
            "alice", "client", KeyPairs.p256().getPublic(), Map.of(), Duration.ofHours(1));

    Path crlFile = OrganizationCrypto.revoke(m.orgDir(), DOMAIN, List.of(issuing.certificate()));

    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509").generateCRL(Files.newInputStream(crlFile));
    crl.verify(root.getPublicKey());
    assertThat(crl.isRevoked(issuing.certificate())).isTrue();
    assertThat(crlFile.getParent()).isEqualTo(m.crlDir());
    assertThat(m.intermediateCert("node")).doesNotExist();
    assertThat(dir).doesNotExist();
    assertThatThrownBy(() -> validate(root, crl, user, issuing.certificate()))
        .isInstanceOf(CertPathValidatorException.class)
        .hasStackTraceContaining("keyCompromise");
  }

  @Test
  void revoking_again_keeps_every_serial_revoked_before(@TempDir Path tmp) throws Exception {
    OrgMaterial m = generate(tmp);
    X509Certificate issuing = Pem.readCertificate(m.issuingCaDir("node").resolve("ca.crt"));
    X509Certificate admin =
        Pem.readCertificate(
            m.userMspDir("Admin").resolve("signcerts/Admin@" + DOMAIN + "-cert.pem"));

    OrganizationCrypto.revoke(m.orgDir(), DOMAIN, List.of(issuing));
    Path crlFile = OrganizationCrypto.revoke(m.orgDir(), DOMAIN, List.of(admin));

    // the admin comes from the identities CA (Fabric wants identities from the tree's leaves)
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509").generateCRL(Files.newInputStream(crlFile));
    assertThat(crl.isRevoked(admin)).isTrue();
    X509CRL rootCrl =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(Files.newInputStream(crlFile.resolveSibling("root-crl.pem")));
    assertThat(rootCrl.isRevoked(issuing)).isTrue();
  }

  @Test
  void generating_again_after_revocation_issues_a_fresh_issuing_ca(@TempDir Path tmp) {
    OrgMaterial m = generate(tmp);
    X509Certificate first = Pem.readCertificate(m.issuingCaDir("node").resolve("ca.crt"));
    OrganizationCrypto.revoke(m.orgDir(), DOMAIN, List.of(first));

    generate(tmp);

    X509Certificate second = Pem.readCertificate(m.intermediateCert("node"));
    assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
  }

  @Test
  void a_crl_refuses_certificates_of_another_issuer(@TempDir Path tmp) {
    OrgMaterial m = generate(tmp);
    CertificateAuthority root = CertificateAuthority.load(m.caCert(), m.caKey());
    X509Certificate foreign = CertificateAuthority.create("SG", "other", "ca.other").certificate();
    assertThatThrownBy(() -> root.revocationList(List.of(foreign), Duration.ofDays(1)))
        .hasMessageContaining("not issued by this CA");
  }
}
