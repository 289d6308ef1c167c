package org.regnet.chaincode.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority per organisation (Bouncy Castle, EC P-256) issuing client
 * certificates with the Fabric attribute extension (OID 1.2.3.4.5.6.7.8.1) whose extnValue octets
 * are the raw JSON {@code {"attrs":{"role":"..."}}}, as Fabric CA does.
 */
public final class TestCa {

  static final ASN1ObjectIdentifier FABRIC_ATTRS = new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1");
  private static final Date NOT_BEFORE = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
  private static final Date NOT_AFTER = Date.from(Instant.parse("2040-01-01T00:00:00Z"));
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private final String msp;
  private final KeyPair caKeys;
  private final X500Name caName;
  private final X509Certificate caCert;

  private TestCa(final String msp) throws Exception {
    this.msp = msp;
    this.caKeys = keyPair();
    this.caName = new X500Name("CN=ca." + msp.toLowerCase() + ",O=" + msp);
    final X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            caName, serial(), NOT_BEFORE, NOT_AFTER, caName, caKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    this.caCert = sign(b);
  }

  public static TestCa forMsp(final String msp) {
    try {
      return new TestCa(msp);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String msp() {
    return msp;
  }

  public X509Certificate caCert() {
    return caCert;
  }

  /** A client identity with the given role attribute (null: no attribute extension). */
  public Identity issue(final String commonName, final String role) {
    try {
      final KeyPair keys = keyPair();
      final X500Name subject = new X500Name("CN=" + commonName + ",OU=client,O=" + msp);
      final X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              caName, serial(), NOT_BEFORE, NOT_AFTER, subject, keys.getPublic());
      if (role != null) {
        final String json =
            "{\"attrs\":{\"role\":\"" + role + "\",\"hf.EnrollmentID\":\"" + commonName + "\"}}";
        b.addExtension(FABRIC_ATTRS, false, json.getBytes(StandardCharsets.UTF_8));
      }
      final X509Certificate cert = sign(b);
      return new Identity(msp, pem(cert), cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate sign(final X509v3CertificateBuilder b) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
  }

  private static KeyPair keyPair() throws Exception {
    final KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static String pem(final X509Certificate cert) throws Exception {
    final StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(cert);
    }
    return w.toString();
  }
}
