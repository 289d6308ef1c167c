package org.regnet.node.service;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.regnet.crypto.CertificateAuthority;

/**
 * Issues the node's short-lived Fabric client certificates from its issuing CA: one per user, with
 * the user's role as a Fabric attribute, and the event reader's. Each lives {@code lifetime} (at
 * most a day) and is renewed when a third of it is left, so a renewal that fails is retried for a
 * third of the lifetime before anything expires.
 */
public final class CertificateIssuer {
  private final CertificateAuthority ca;
  private final Duration lifetime;
  private final Clock clock;

  public CertificateIssuer(CertificateAuthority ca, Duration lifetime, Clock clock) {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ca.certificate().getBasicConstraints() != 0) {
      // A root (or any CA that may certify CAs) could mint any identity: it stays offline.
      throw new IllegalArgumentException(
          "issuingCa: must be an issuing CA (path length 0), never the organisation's root");
    }
  }

  /** A certificate for {@code username} acting as {@code role}, for the key it already has. */
  public X509Certificate issueUser(String username, String role, PublicKey key) {
    return ca.issueClient(
        username,
        "client",
        key,
        Map.of("role", role, "hf.EnrollmentID", username, "hf.Type", "client"),
        lifetime);
  }

  /** The certificate of the node's own event reader, which reads as an auditor. */
  public X509Certificate issueReader(String nodeName, PublicKey key) {
    return ca.issueClient(
        "node-events." + nodeName, "client", key, Map.of("role", "auditor"), lifetime);
  }

  /**
   * Whether {@code cert} should be replaced now: less than a third of the configured lifetime is
   * left (also true of a certificate from before a shorter lifetime was configured).
   */
  public boolean renewalDue(X509Certificate cert) {
    return !clock.instant().isBefore(cert.getNotAfter().toInstant().minus(lifetime.dividedBy(3)));
  }

  /** How often to look for certificates due for renewal. */
  public Duration checkInterval() {
    Duration d = lifetime.dividedBy(12);
    return d.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : d;
  }

  public Duration lifetime() {
    return lifetime;
  }
}
