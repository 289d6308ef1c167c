package org.regnet.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM encoding of certificates and keys; private keys as unencrypted PKCS#8, as Fabric reads them.
 */
public final class Pem {
  private Pem() {}

  public static String encode(X509Certificate cert) {
    return write(cert);
  }

  public static String encode(PublicKey key) {
    return write(key);
  }

  public static String encode(PrivateKey key) {
    try {
      PemObject pkcs8 = new JcaPKCS8Generator(key, null).generate();
      return write(pkcs8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  public static X509Certificate readCertificate(Path file) {
    return certificate(read(file));
  }

  public static PrivateKey privateKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return conv.getKeyPair(pair).getPrivate();
      }
      throw new IllegalArgumentException("not a PEM private key");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) {
    return privateKey(read(file));
  }

  /** Writes a certificate, world-readable. */
  public static void write(Path file, X509Certificate cert) {
    writeFile(file, encode(cert), false);
  }

  /** Writes a CRL, world-readable. */
  public static void write(Path file, java.security.cert.X509CRL crl) {
    writeFile(file, write(crl), false);
  }

  /** Writes a private key readable by its owner only, created so (0600) before any byte. */
  public static void write(Path file, PrivateKey key) {
    writeFile(file, encode(key), true);
  }

  private static String write(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void writeFile(Path file, String content, boolean secret) {
    if (secret) {
      SecureFiles.writeSecret(file, content.getBytes(StandardCharsets.US_ASCII));
      return;
    }
    try {
      SecureFiles.createPrivateDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
