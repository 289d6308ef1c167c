package org.regnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationCryptoTest {
  private static final String DOMAIN = "alpine.regnet.test";

  private static OrgMaterial generate(Path base) {
    return OrganizationCrypto.generate(
        base,
        new OrgSpec(
            DOMAIN,
            "AlpineMSP",
            "CH",
            List.of(new NodeSpec("peer0", NodeType.PEER, List.of("10.0.0.7"))),
            List.of(
                new UserSpec("Admin", UserType.ADMIN, Map.of()),
                new UserSpec("investigator", UserType.CLIENT, Map.of("role", "investigator"))),
            List.of(new TlsServerSpec("ccaas", List.of()))));
  }

  private static void validate(X509Certificate leaf, X509Certificate ca) throws Exception {
    PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    p.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), p);
  }

  @Test
  void signing_certificates_chain_to_the_ca_and_tls_certificates_to_the_tls_ca(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    X509Certificate ca = Pem.readCertificate(m.caCert());
    X509Certificate tlsCa = Pem.readCertificate(m.tlsCaCert());

    validate(
        Pem.readCertificate(
            m.nodeDir("peer0").resolve("msp/signcerts/peer0." + DOMAIN + "-cert.pem")),
        ca);
    validate(
        Pem.readCertificate(
            m.userMspDir("investigator").resolve("signcerts/investigator@" + DOMAIN + "-cert.pem")),
        ca);
    validate(Pem.readCertificate(m.nodeDir("peer0").resolve("tls/server.crt")), tlsCa);
    validate(Pem.readCertificate(m.tlsServerDir("ccaas").resolve("server.crt")), tlsCa);
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void node_ous_and_roles_are_where_fabric_reads_them(@TempDir Path tmp) throws Exception {
    OrgMaterial m = generate(tmp);
    X509Certificate peer =
        Pem.readCertificate(
            m.nodeDir("peer0").resolve("msp/signcerts/peer0." + DOMAIN + "-cert.pem"));
    X509Certificate admin =
        Pem.readCertificate(
            m.userMspDir("Admin").resolve("signcerts/Admin@" + DOMAIN + "-cert.pem"));
    X509Certificate inv =
        Pem.readCertificate(
            m.userMspDir("investigator").resolve("signcerts/investigator@" + DOMAIN + "-cert.pem"));

    assertThat(peer.getSubjectX500Principal().getName()).contains("OU=peer");
    assertThat(admin.getSubjectX500Principal().getName()).contains("OU=admin");
    assertThat(inv.getSubjectX500Principal().getName()).contains("OU=client");
    assertThat(Files.readString(m.mspDir().resolve("config.yaml")))
        .contains("Enable: true")
        .contains("OrganizationalUnitIdentifier: orderer")
        .doesNotContain("Certificate:");

    assertThat(FabricAttributes.parse(inv))
        .containsEntry("role", "investigator")
        .containsEntry("hf.EnrollmentID", "investigator")
        .containsEntry("hf.Type", "client");
    byte[] raw =
        ASN1OctetString.getInstance(inv.getExtensionValue("1.2.3.4.5.6.7.8.1")).getOctets();
    assertThat(new String(raw, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"attrs\":{\"hf.EnrollmentID\":\"investigator\",\"hf.Type\":\"client\",\"role\":\"investigator\"}}");
  }

  @Test
  void tls_certificates_name_the_host_the_extra_hosts_and_localhost(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    X509Certificate tls = Pem.readCertificate(m.nodeDir("peer0").resolve("tls/server.crt"));
    List<String> names =
        tls.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
    assertThat(names).contains("peer0." + DOMAIN, "10.0.0.7", "localhost", "127.0.0.1");
    assertThat(tls.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  void each_key_belongs_to_its_certificate_and_is_pkcs8(@TempDir Path tmp) throws Exception {
    OrgMaterial m = generate(tmp);
    Path keyFile = m.userMspDir("Admin").resolve("keystore/priv_sk");
    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(Pem.readPrivateKey(keyFile));
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(
        Pem.readCertificate(
            m.userMspDir("Admin").resolve("signcerts/Admin@" + DOMAIN + "-cert.pem")));
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();
  }

  @Test
  void generating_again_keeps_existing_material_and_adds_what_is_new(@TempDir Path tmp)
      throws Exception {
    OrgMaterial m = generate(tmp);
    byte[] ca = Files.readAllBytes(m.caCert());
    byte[] peer = Files.readAllBytes(m.nodeDir("peer0").resolve("tls/server.crt"));

    generate(tmp);
    Path carol =
        OrganizationCrypto.issueUser(
            m.orgDir(), DOMAIN, new UserSpec("carol", UserType.CLIENT, Map.of("role", "auditor")));

    assertThat(Files.readAllBytes(m.caCert())).isEqualTo(ca);
    assertThat(Files.readAllBytes(m.nodeDir("peer0").resolve("tls/server.crt"))).isEqualTo(peer);
    validate(
        Pem.readCertificate(carol.resolve("msp/signcerts/carol@" + DOMAIN + "-cert.pem")),
        Pem.readCertificate(m.caCert()));
  }

  @Test
  void refuses_bad_specifications_naming_the_problem() {
    assertThatThrownBy(
            () -> new OrgSpec(DOMAIN, "AlpineMSP", "XX", List.of(), List.of(), List.of()))
        .hasMessageContaining("country");
    assertThatThrownBy(
            () -> new OrgSpec("Not A Domain", "AlpineMSP", "CH", List.of(), List.of(), List.of()))
        .hasMessageContaining("DNS name");
    assertThatThrownBy(() -> new UserSpec("bob", UserType.CLIENT, Map.of("role", "a\u0000b")))
        .hasMessageContaining("control characters");
  }
}
