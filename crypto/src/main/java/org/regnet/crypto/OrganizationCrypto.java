package org.regnet.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Generates an organisation's crypto material in Fabric's MSP folder layout: identity CA, TLS CA,
 * the organisation's verifying MSP with NodeOUs, and node, user and TLS-server identities.
 * Idempotent: existing CAs are loaded, existing identities are left byte for byte as they are, and
 * only missing ones are created, so the same call onboards new users or nodes later.
 */
public final class OrganizationCrypto {
  private OrganizationCrypto() {}

  public static OrgMaterial generate(Path baseDir, OrgSpec spec) {
    OrgMaterial m = new OrgMaterial(baseDir.resolve(spec.domain()).toAbsolutePath(), spec.domain());
    CertificateAuthority ca =
        loadOrCreate(m.caCert(), m.caKey(), spec.country(), spec.domain(), "ca." + spec.domain());
    CertificateAuthority tlsCa =
        loadOrCreate(
            m.tlsCaCert(), m.tlsCaKey(), spec.country(), spec.domain(), "tlsca." + spec.domain());
    writeVerifyingMsp(m.mspDir(), m, ca, tlsCa);
    for (NodeSpec node : spec.nodes()) {
      Path dir = m.nodeDir(node.name());
      String cn = node.name() + "." + spec.domain();
      writeSigningMsp(dir.resolve("msp"), m, ca, tlsCa, cn, node.type().ou(), java.util.Map.of());
      writeTls(dir.resolve("tls"), tlsCa, cn, node.extraHosts(), "server");
    }
    for (UserSpec user : spec.users()) {
      writeUser(m, ca, tlsCa, user);
    }
    for (TlsServerSpec server : spec.tlsServers()) {
      writeTls(
          m.tlsServerDir(server.name()),
          tlsCa,
          server.name() + "." + spec.domain(),
          server.extraHosts(),
          "server");
    }
    return m;
  }

  /** Adds one user to an organisation generated before; returns the user's folder. */
  public static Path issueUser(Path orgDir, String domain, UserSpec user) {
    OrgMaterial m = new OrgMaterial(orgDir.toAbsolutePath(), Checks.domain(domain));
    if (!Files.exists(m.caCert())) {
      throw new IllegalArgumentException("no organisation CA in " + orgDir);
    }
    CertificateAuthority ca = CertificateAuthority.load(m.caCert(), m.caKey());
    CertificateAuthority tlsCa = CertificateAuthority.load(m.tlsCaCert(), m.tlsCaKey());
    writeUser(m, ca, tlsCa, user);
    return m.userDir(user.name());
  }

  private static void writeUser(
      OrgMaterial m, CertificateAuthority ca, CertificateAuthority tlsCa, UserSpec user) {
    String cn = user.name() + "@" + m.domain();
    writeSigningMsp(
        m.userMspDir(user.name()),
        m,
        ca,
        tlsCa,
        cn,
        user.type().ou(),
        user.certificateAttributes());
    writeTls(m.userTlsDir(user.name()), tlsCa, cn.replace('@', '.'), List.of(), "client");
  }

  private static CertificateAuthority loadOrCreate(
      Path cert, Path key, String country, String org, String cn) {
    if (Files.exists(cert)) {
      return CertificateAuthority.load(cert, key);
    }
    CertificateAuthority ca = CertificateAuthority.create(country, org, cn);
    Pem.write(key, ca.privateKey());
    Pem.write(cert, ca.certificate());
    return ca;
  }

  private static void writeVerifyingMsp(
      Path msp, OrgMaterial m, CertificateAuthority ca, CertificateAuthority tlsCa) {
    writeIfAbsent(msp.resolve("cacerts").resolve(m.caCert().getFileName()), ca.certificate());
    writeIfAbsent(
        msp.resolve("tlscacerts").resolve(m.tlsCaCert().getFileName()), tlsCa.certificate());
    writeTextIfAbsent(
        msp.resolve("config.yaml"), NodeOus.configYaml(m.caCert().getFileName().toString()));
  }

  private static void writeSigningMsp(
      Path msp,
      OrgMaterial m,
      CertificateAuthority ca,
      CertificateAuthority tlsCa,
      String cn,
      String ou,
      java.util.Map<String, String> attributes) {
    Path signcert = msp.resolve("signcerts").resolve(cn + "-cert.pem");
    if (Files.exists(signcert)) {
      return;
    }
    writeVerifyingMsp(msp, m, ca, tlsCa);
    KeyPair pair = KeyPairs.p256();
    X509Certificate cert =
        ca.issueClient(cn, ou, pair.getPublic(), attributes, CertificateAuthority.DEFAULT_VALIDITY);
    Pem.write(msp.resolve("keystore").resolve("priv_sk"), pair.getPrivate());
    Pem.write(signcert, cert);
  }

  private static void writeTls(
      Path dir, CertificateAuthority tlsCa, String cn, List<String> hosts, String kind) {
    Path crt = dir.resolve(kind + ".crt");
    if (Files.exists(crt)) {
      return;
    }
    KeyPair pair = KeyPairs.p256();
    X509Certificate cert =
        tlsCa.issueTls(cn, pair.getPublic(), hosts, CertificateAuthority.DEFAULT_VALIDITY);
    writeIfAbsent(dir.resolve("ca.crt"), tlsCa.certificate());
    Pem.write(dir.resolve(kind + ".key"), pair.getPrivate());
    Pem.write(crt, cert);
  }

  private static void writeIfAbsent(Path file, X509Certificate cert) {
    if (!Files.exists(file)) {
      Pem.write(file, cert);
    }
  }

  private static void writeTextIfAbsent(Path file, String text) {
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
