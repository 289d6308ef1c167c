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
import java.util.ArrayList;
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
    List<X509Certificate> intermediates = intermediates(orgDir.resolve("msp/intermediatecerts"));
    try (Stream<Path> files = Files.walk(orgDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (f.getParent().getFileName().toString().equals("signcerts")) {
          requireChain(f, ca, intermediates);
        } else if (name.equals("server.crt") || name.equals("client.crt")) {
          requireChain(f, tlsCa, List.of());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuing CAs the MSP declares under its root (identities, a node's). */
  private static List<X509Certificate> intermediates(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().map(Pem::readCertificate).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireChain(
      Path certFile, X509Certificate anchor, List<X509Certificate> intermediates) {
    try {
      X509Certificate cert = Pem.readCertificate(certFile);
      List<X509Certificate> path = new ArrayList<>(List.of(cert));
      // Through the declared intermediate that issued it, when the root did not.
      intermediates.stream()
          .filter(i -> i.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
          .findFirst()
          .ifPresent(path::add);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new NetworkException(
          certFile + " does not chain to the CA its organisation declares: " + e.getMessage());
    }
  }
}
