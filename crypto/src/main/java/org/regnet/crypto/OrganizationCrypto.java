package org.regnet.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates an organisation's crypto material in Fabric's MSP folder layout: identity CA, TLS CA,
 * the organisation's verifying MSP with NodeOUs, and node, user and TLS-server identities.
 * Idempotent: existing CAs are loaded, existing identities are left byte for byte as they are, and
 * only missing ones are created, so the same call onboards new users or nodes later.
 */
public final class OrganizationCrypto {
  /** A CRL outlives any certificate it revokes, so Fabric never sees it lapse. */
  private static final Duration CRL_VALIDITY = Duration.ofDays(3650);

  private OrganizationCrypto() {}

  public static OrgMaterial generate(Path baseDir, OrgSpec spec) {
    OrgMaterial m = new OrgMaterial(baseDir.resolve(spec.domain()).toAbsolutePath(), spec.domain());
    CertificateAuthority ca =
        loadOrCreate(m.caCert(), m.caKey(), spec.country(), spec.domain(), "ca." + spec.domain());
    CertificateAuthority tlsCa =
        loadOrCreate(
            m.tlsCaCert(), m.tlsCaKey(), spec.country(), spec.domain(), "tlsca." + spec.domain());
    for (String name : spec.issuingCas()) {
      loadOrCreateIssuing(m, ca, name);
    }
    CertificateAuthority signer = identitySigner(m, ca, !spec.issuingCas().isEmpty());
    writeVerifyingMsp(m.mspDir(), m, ca, tlsCa);
    for (NodeSpec node : spec.nodes()) {
      Path dir = m.nodeDir(node.name());
      String cn = node.name() + "." + spec.domain();
      writeSigningMsp(dir.resolve("msp"), m, ca, signer, tlsCa, cn, node.type().ou(), Map.of());
      writeTls(dir.resolve("tls"), tlsCa, cn, node.extraHosts(), "server");
    }
    for (UserSpec user : spec.users()) {
      writeUser(m, ca, signer, tlsCa, user);
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
    boolean tiered = Files.exists(m.issuingCaDir(IDENTITIES).resolve("ca.crt"));
    writeUser(m, ca, identitySigner(m, ca, tiered), tlsCa, user);
    return m.userDir(user.name());
  }

  /** The issuing CA of the organisation's own identities, once the root certifies any other. */
  public static final String IDENTITIES = "identities";

  /**
   * Who signs the organisation's own identities (peers, orderers, admins, users). Fabric accepts
   * identities only from the leaves of an MSP's CA tree: once the root certifies an issuing CA (a
   * node's), a certificate straight from the root is refused ("parent certificate should be a leaf
   * of the certification tree"). So the root then certifies one more issuing CA, for these
   * identities, and stays offline like the rest.
   */
  private static CertificateAuthority identitySigner(
      OrgMaterial m, CertificateAuthority root, boolean tiered) {
    if (!tiered) {
      return root;
    }
    loadOrCreateIssuing(m, root, IDENTITIES);
    Path dir = m.issuingCaDir(IDENTITIES);
    return CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("priv_sk"));
  }

  private static void writeUser(
      OrgMaterial m,
      CertificateAuthority ca,
      CertificateAuthority signer,
      CertificateAuthority tlsCa,
      UserSpec user) {
    String cn = user.name() + "@" + m.domain();
    writeSigningMsp(
        m.userMspDir(user.name()),
        m,
        ca,
        signer,
        tlsCa,
        cn,
        user.type().ou(),
        user.certificateAttributes());
    writeTls(m.userTlsDir(user.name()), tlsCa, cn.replace('@', '.'), List.of(), "client");
  }

  /**
   * Issues (once) the issuing CA {@code name} under the organisation's root, and lists it among the
   * verifying MSP's intermediate certificates, so the channel accepts what it certifies. Returns
   * its folder.
   */
  public static Path issueIssuingCa(Path orgDir, String domain, String name) {
    OrgMaterial m = new OrgMaterial(orgDir.toAbsolutePath(), Checks.domain(domain));
    if (!Files.exists(m.caCert())) {
      throw new IllegalArgumentException("no organisation CA in " + orgDir);
    }
    loadOrCreateIssuing(m, CertificateAuthority.load(m.caCert(), m.caKey()), name);
    return m.issuingCaDir(name);
  }

  private static void loadOrCreateIssuing(OrgMaterial m, CertificateAuthority root, String name) {
    Checks.name(name, "issuing CA name");
    Path dir = m.issuingCaDir(name);
    Path cert = dir.resolve("ca.crt");
    if (!Files.exists(cert)) {
      CertificateAuthority issuing =
          root.issueIssuingCa(name + "-ca." + m.domain(), CertificateAuthority.ISSUING_CA_VALIDITY);
      Pem.write(dir.resolve("priv_sk"), issuing.privateKey());
      Pem.write(cert, issuing.certificate());
    }
    writeIfAbsent(m.intermediateCert(name), Pem.readCertificate(cert));
  }

  /**
   * Revokes certificates issued by the organisation's root (an issuing CA) or its identities CA (an
   * admin): writes each issuer's CRL (returns the last written) into the verifying MSP's {@code
   * crls/}, adding to the serials revoked before, and drops a revoked issuing CA from {@code
   * intermediatecerts/} (Fabric refuses an MSP whose own intermediate is revoked). The channel
   * learns it through a config update of the MSP.
   */
  public static Path revoke(Path orgDir, String domain, List<X509Certificate> certificates) {
    OrgMaterial m = new OrgMaterial(orgDir.toAbsolutePath(), Checks.domain(domain));
    CertificateAuthority root = CertificateAuthority.load(m.caCert(), m.caKey());
    Map<BigInteger, X509Certificate> all = new LinkedHashMap<>();
    for (Path f : files(m.revokedDir())) {
      X509Certificate c = Pem.readCertificate(f);
      all.put(c.getSerialNumber(), c);
    }
    for (X509Certificate c : certificates) {
      all.put(c.getSerialNumber(), c);
    }
    // One CRL per issuer: the root's for issuing CAs and root-issued identities, the identities
    // CA's for the peers, admins and users it certified.
    Map<String, List<X509Certificate>> byIssuer = new LinkedHashMap<>();
    for (X509Certificate c : all.values()) {
      byIssuer
          .computeIfAbsent(c.getIssuerX500Principal().getName(), k -> new java.util.ArrayList<>())
          .add(c);
    }
    Path crlFile = m.crlDir().resolve("root-crl.pem");
    for (Map.Entry<String, List<X509Certificate>> e : byIssuer.entrySet()) {
      if (e.getKey().equals(root.certificate().getSubjectX500Principal().getName())) {
        Pem.write(crlFile, root.revocationList(e.getValue(), CRL_VALIDITY));
      } else {
        Path dir = m.issuingCaDir(IDENTITIES);
        CertificateAuthority identities =
            CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("priv_sk"));
        crlFile = m.crlDir().resolve(IDENTITIES + "-crl.pem");
        Pem.write(crlFile, identities.revocationList(e.getValue(), CRL_VALIDITY));
      }
    }
    for (X509Certificate c : all.values()) {
      Pem.write(m.revokedDir().resolve(c.getSerialNumber().toString(16) + ".pem"), c);
    }
    try {
      for (Path f : files(m.intermediateCertsDir())) {
        if (all.containsKey(Pem.readCertificate(f).getSerialNumber())) {
          Files.delete(f);
        }
      }
      for (Path dir : files(m.orgDir().resolve("issuing"))) {
        Path cert = dir.resolve("ca.crt");
        if (Files.exists(cert) && all.containsKey(Pem.readCertificate(cert).getSerialNumber())) {
          // the revoked CA's key is worthless now; a later `org` run issues a fresh one
          for (Path f : files(dir)) {
            Files.delete(f);
          }
          Files.delete(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return crlFile;
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    if (!msp.equals(m.mspDir())) {
      for (Path f : files(m.intermediateCertsDir())) {
        writeIfAbsent(
            msp.resolve("intermediatecerts").resolve(f.getFileName()), Pem.readCertificate(f));
      }
    }
    writeTextIfAbsent(msp.resolve("config.yaml"), NodeOus.configYaml());
  }

  private static void writeSigningMsp(
      Path msp,
      OrgMaterial m,
      CertificateAuthority ca,
      CertificateAuthority signer,
      CertificateAuthority tlsCa,
      String cn,
      String ou,
      Map<String, String> attributes) {
    Path signcert = msp.resolve("signcerts").resolve(cn + "-cert.pem");
    if (Files.exists(signcert)) {
      return;
    }
    writeVerifyingMsp(msp, m, ca, tlsCa);
    KeyPair pair = KeyPairs.p256();
    X509Certificate cert =
        signer.issueClient(
            cn, ou, pair.getPublic(), attributes, CertificateAuthority.DEFAULT_VALIDITY);
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
      SecureFiles.createPrivateDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
