package org.regnet.crypto;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of one organisation (its identity CA or its TLS CA): a self-signed P-256
 * certificate and key, issuing leaf certificates shaped as Fabric and Go's crypto/x509 expect
 * (positive serials, SKI from the public point, AKI, NodeOU in the subject, SANs for TLS).
 */
public final class CertificateAuthority {
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(730);

  /** An issuing CA lives a year; its root re-issues it offline before then. */
  public static final Duration ISSUING_CA_VALIDITY = Duration.ofDays(365);

  /**
   * The only DNS subtree an issuing CA may certify: {@code invalid}, reserved (RFC 6761) so that no
   * real host can be named. With every IP address excluded too, it cannot make TLS servers.
   */
  static final String NO_HOSTS = "invalid";

  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

  private final X509Certificate certificate;
  private final PrivateKey key;

  private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** A new self-signed CA with subject {@code C=country, O=organisation, CN=commonName}. */
  public static CertificateAuthority create(
      String country, String organisation, String commonName) {
    Checks.country(country);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, country)
            .addRDN(BCStyle.O, Checks.noControl(organisation, "organisation"))
            .addRDN(BCStyle.CN, Checks.noControl(commonName, "commonName"))
            .build();
    KeyPair pair = KeyPairs.p256();
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(),
              java.util.Date.from(now.minus(BACKDATE)),
              java.util.Date.from(now.plus(CA_VALIDITY)),
              subject,
              pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              KeyUsage.digitalSignature
                  | KeyUsage.keyEncipherment
                  | KeyUsage.keyCertSign
                  | KeyUsage.cRLSign));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
      b.addExtension(Extension.subjectKeyIdentifier, false, ski(pair.getPublic()));
      return new CertificateAuthority(sign(b, pair.getPrivate()), pair.getPrivate());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads a CA from its PEM certificate and PKCS#8 key, checking that they belong together. */
  public static CertificateAuthority load(Path certificatePem, Path keyPem) {
    try {
      return of(Pem.readCertificate(certificatePem), Pem.readPrivateKey(keyPem));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(certificatePem + ": " + e.getMessage(), e);
    }
  }

  /** A CA from a certificate and its key (e.g. an issuing CA whose key was sealed at rest). */
  public static CertificateAuthority of(X509Certificate cert, PrivateKey key) {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    if (cert.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("not a CA certificate");
    }
    CertificateAuthority ca = new CertificateAuthority(cert, key);
    ca.checkKeyMatches();
    return ca;
  }

  /**
   * Issues an issuing (intermediate) CA under this root, {@code C, O} of the root and {@code
   * CN=commonName}, for a node to certify its users with. It is limited to that: path length 0 (no
   * CA below it), key usage certificate and CRL signing only, and name constraints that permit no
   * host name ({@link #NO_HOSTS}) and no IP address, so it cannot make a TLS server certificate. No
   * extended key usage: Fabric verifies chains for server authentication use, which a client-only
   * EKU on the CA would fail (docs/decisions/0008).
   */
  public CertificateAuthority issueIssuingCa(String commonName, Duration validity) {
    if (certificate.getBasicConstraints() == 0) {
      throw new IllegalArgumentException("an issuing CA cannot issue another CA");
    }
    X500Name rootSubject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE);
    for (RDN rdn : rootSubject.getRDNs()) {
      if (!rdn.getFirst().getType().equals(BCStyle.CN)) {
        n.addRDN(rdn.getFirst());
      }
    }
    n.addRDN(BCStyle.CN, Checks.noControl(commonName, "commonName"));
    KeyPair pair = KeyPairs.p256();
    Instant now = Instant.now();
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      notAfter = certificate.getNotAfter().toInstant();
    }
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              rootSubject,
              serial(),
              java.util.Date.from(now.minus(BACKDATE)),
              java.util.Date.from(notAfter),
              n.build(),
              pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.nameConstraints,
          true,
          new NameConstraints(
              new GeneralSubtree[] {
                new GeneralSubtree(new GeneralName(GeneralName.dNSName, NO_HOSTS))
              },
              new GeneralSubtree[] {
                new GeneralSubtree(
                    new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[8]))),
                new GeneralSubtree(
                    new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[32])))
              }));
      b.addExtension(Extension.subjectKeyIdentifier, false, ski(pair.getPublic()));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(ski(certificate.getPublicKey()).getKeyIdentifier()));
      return new CertificateAuthority(sign(b, key), pair.getPrivate());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CRL signed by this CA revoking {@code revoked} (key compromise), valid until {@code
   * nextUpdate} from now; its authority key identifier is this CA's, as Fabric's MSP matches it.
   */
  public X509CRL revocationList(List<X509Certificate> revoked, Duration nextUpdate) {
    Instant now = Instant.now();
    X509v2CRLBuilder b =
        new X509v2CRLBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            java.util.Date.from(now.minus(BACKDATE)));
    b.setNextUpdate(java.util.Date.from(now.plus(nextUpdate)));
    for (X509Certificate c : revoked) {
      if (!c.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
        throw new IllegalArgumentException(
            "not issued by this CA: " + c.getSubjectX500Principal().getName());
      }
      b.addCRLEntry(c.getSerialNumber(), java.util.Date.from(now), CRLReason.keyCompromise);
    }
    try {
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(ski(certificate.getPublicKey()).getKeyIdentifier()));
      b.addExtension(
          Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      return new JcaX509CRLConverter()
          .getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (java.io.IOException | OperatorCreationException | java.security.cert.CRLException e) {
      throw new IllegalStateException("cannot sign CRL", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA's private key, for writing it to its own folder only. */
  PrivateKey privateKey() {
    return key;
  }

  /**
   * Issues a signing (MSP) certificate {@code C=<CA country>, OU=ou, CN=commonName}, with the
   * Fabric attribute extension when {@code attributes} is not empty.
   */
  public X509Certificate issueClient(
      String commonName,
      String ou,
      PublicKey publicKey,
      Map<String, String> attributes,
      Duration validity) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(attributes, "attributes");
    X500Name subject = leafSubject(ou, commonName);
    try {
      X509v3CertificateBuilder b = leaf(subject, publicKey, validity);
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      if (certificate.getExtensionValue(Extension.nameConstraints.getId()) != null) {
        // Fabric's MSP refuses a leaf without a subject alternative name under a CA with name
        // constraints ("issuer has name constraints but leaf doesn't have a SAN extension"): name
        // the one host the issuing CA permits, which is no real host.
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, NO_HOSTS)));
      }
      if (!attributes.isEmpty()) {
        attributes.forEach(
            (k, v) -> {
              Checks.noControl(k, "attribute name");
              Checks.noControl(v, "attribute " + k);
            });
        // The raw JSON is the extension value itself (no further DER wrapping), as Fabric CA writes
        // it.
        b.addExtension(FabricAttributes.OID, false, FabricAttributes.encode(attributes));
      }
      return sign(b, key);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Issues a TLS certificate for client and server use, {@code C=<CA country>, CN=commonName},
   * whose SANs are the given host names and addresses plus localhost and 127.0.0.1.
   */
  public X509Certificate issueTls(
      String commonName, PublicKey publicKey, List<String> hosts, Duration validity) {
    Objects.requireNonNull(publicKey, "publicKey");
    X500Name subject = leafSubject(null, commonName);
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(commonName);
    hosts.forEach(h -> names.add(Checks.host(h)));
    names.add("localhost");
    names.add("127.0.0.1");
    List<GeneralName> sans = new ArrayList<>();
    for (String n : names) {
      sans.add(
          IP.matcher(n).matches()
              ? new GeneralName(GeneralName.iPAddress, n)
              : new GeneralName(GeneralName.dNSName, n));
    }
    try {
      X509v3CertificateBuilder b = leaf(subject, publicKey, validity);
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(sans.toArray(GeneralName[]::new)));
      return sign(b, key);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509v3CertificateBuilder leaf(X500Name subject, PublicKey publicKey, Duration validity)
      throws java.io.IOException {
    Instant now = Instant.now();
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      notAfter = certificate.getNotAfter().toInstant();
    }
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            serial(),
            java.util.Date.from(now.minus(BACKDATE)),
            java.util.Date.from(notAfter),
            subject,
            publicKey);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.subjectKeyIdentifier, false, ski(publicKey));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        new AuthorityKeyIdentifier(ski(certificate.getPublicKey()).getKeyIdentifier()));
    return b;
  }

  private X500Name leafSubject(String ou, String commonName) {
    X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE);
    String country = country();
    if (country != null) {
      n.addRDN(BCStyle.C, country);
    }
    if (ou != null) {
      n.addRDN(BCStyle.OU, Checks.noControl(ou, "ou"));
    }
    n.addRDN(BCStyle.CN, Checks.noControl(commonName, "commonName"));
    return n.build();
  }

  private String country() {
    RDN[] c =
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.C);
    return c.length == 0 ? null : IETFUtils.valueToString(c[0].getFirst().getValue());
  }

  private void checkKeyMatches() {
    try {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      byte[] probe = "regnet-ca-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(certificate.getPublicKey());
      s.update(probe);
      if (!s.verify(sig)) {
        throw new IllegalArgumentException("CA key does not match its certificate");
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("CA key does not match its certificate", e);
    }
  }

  static SubjectKeyIdentifier ski(PublicKey key) {
    byte[] point = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    try {
      return new SubjectKeyIdentifier(MessageDigest.getInstance("SHA-256").digest(point));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("cannot sign certificate", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(128, RANDOM).setBit(127);
  }
}
