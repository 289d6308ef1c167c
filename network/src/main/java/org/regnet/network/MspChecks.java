package org.regnet.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.regnet.crypto.Pem;

/**
 * Checks a candidate organisation before anything is proposed: every signing certificate under its
 * folder must chain to the CA its MSP declares, and every TLS certificate to its declared TLS CA.
 */
final class MspChecks {
  private MspChecks() {}

  static void requireChains(Path orgDir, String domain) {
    X509Certificate ca =
        Pem.readCertificate(orgDir.resolve("msp/cacerts/ca." + domain + "-cert.pem"));
    X509Certificate tlsCa =
        Pem.readCertificate(orgDir.resolve("msp/tlscacerts/tlsca." + domain + "-cert.pem"));
    try (Stream<Path> files = Files.walk(orgDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (f.getParent().getFileName().toString().equals("signcerts")) {
          requireChain(f, ca);
        } else if (name.equals("server.crt") || name.equals("client.crt")) {
          requireChain(f, tlsCa);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireChain(Path certFile, X509Certificate anchor) {
    try {
      X509Certificate cert = Pem.readCertificate(certFile);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(
              CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new NetworkException(
          certFile + " does not chain to the CA its organisation declares: " + e.getMessage());
    }
  }
}
