package org.regnet.node.evidence;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.regnet.crypto.CertificateAuthority;

/**
 * The node's transport identity, re-issued from its issuing CA (with a fresh key) when less than a
 * third of its lifetime is left, as users' certificates are; each new connection takes the current
 * one.
 */
public final class RenewingIdentity implements Supplier<NodeTlsIdentity> {
  private final CertificateAuthority issuingCa;
  private final String nodeName;
  private final Duration lifetime;
  private final Clock clock;
  private NodeTlsIdentity current;

  public RenewingIdentity(
      CertificateAuthority issuingCa, String nodeName, Duration lifetime, Clock clock) {
    this.issuingCa = issuingCa;
    this.nodeName = nodeName;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  @Override
  public synchronized NodeTlsIdentity get() {
    if (current == null
        || !clock
            .instant()
            .isBefore(current.chain()[0].getNotAfter().toInstant().minus(lifetime.dividedBy(3)))) {
      current = NodeTlsIdentity.issue(issuingCa, nodeName, lifetime);
    }
    return current;
  }
}
