package org.regnet.node.evidence;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Which authority a node's certificate chain belongs to: the one whose root CA (as the channel's
 * MSP definitions record it) signed the issuing CA that signed the leaf. "Any member" is never
 * enough for evidence: a server checks the sender named in the transfer, a client the counterparty
 * it meant to reach. Chains are checked by hand (signatures, validity, CA flags, path length 0
 * below the root) because the JDK's PKIX validator misreads a host-like common name under the
 * issuing CA's name constraints (docs/decisions/0008).
 */
public final class AuthorityTrust {
  private final Map<String, List<X509Certificate>> roots;

  /** {@code roots}: MSP id of each authority to its root CA certificates. */
  public AuthorityTrust(Map<String, List<X509Certificate>> roots) {
    Objects.requireNonNull(roots, "roots");
    this.roots = Map.copyOf(roots);
  }

  /** The authority {@code chain} (leaf first, then its issuing CA) belongs to, if any. */
  public Optional<String> authorityOf(X509Certificate[] chain) {
    if (chain == null || chain.length < 2) {
      return Optional.empty();
    }
    X509Certificate leaf = chain[0];
    X509Certificate issuing = chain[1];
    Date now = new Date();
    try {
      leaf.checkValidity(now);
      issuing.checkValidity(now);
      if (leaf.getBasicConstraints() >= 0 || issuing.getBasicConstraints() != 0) {
        return Optional.empty();
      }
      leaf.verify(issuing.getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<X509Certificate>> e : roots.entrySet()) {
      for (X509Certificate root : e.getValue()) {
        if (signedBy(issuing, root, now)) {
          return Optional.of(e.getKey());
        }
      }
    }
    return Optional.empty();
  }

  /** A trust manager that accepts a peer only if its chain belongs to one of {@code accepted}. */
  public X509TrustManager trusting(java.util.Set<String> accepted) {
    java.util.Set<String> ok = java.util.Set.copyOf(accepted);
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        check(chain);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        check(chain);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return ok.stream()
            .flatMap(m -> roots.getOrDefault(m, List.of()).stream())
            .toArray(X509Certificate[]::new);
      }

      private void check(X509Certificate[] chain) throws CertificateException {
        Optional<String> who = authorityOf(chain);
        if (who.isEmpty() || !ok.contains(who.get())) {
          throw new CertificateException("not a node of an expected authority");
        }
      }
    };
  }

  /** Every authority this node knows. */
  public java.util.Set<String> authorities() {
    return roots.keySet();
  }

  private static boolean signedBy(X509Certificate cert, X509Certificate root, Date now) {
    try {
      if (!cert.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
        return false;
      }
      root.checkValidity(now);
      cert.verify(root.getPublicKey());
      return root.getBasicConstraints() >= 0;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
