package org.regnet.node.service;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.regnet.crypto.Pem;
import org.regnet.node.store.User;
import org.regnet.node.store.UserStore;

/**
 * The Fabric identity the node signs with for each user: the stored short-lived certificate,
 * renewed (same key, new certificate) once due. A disabled or unknown user has none, checked on
 * every use, so disabling a user stops every use of its certificate at once.
 */
public final class UserIdentities {
  private final UserStore users;
  private final KeySealer sealer;
  private final CertificateIssuer issuer;

  public UserIdentities(UserStore users, KeySealer sealer, CertificateIssuer issuer) {
    this.users = users;
    this.sealer = sealer;
    this.issuer = issuer;
  }

  /**
   * The current certificate of an enabled user, renewed first when due.
   *
   * @throws LedgerException ACCESS_DENIED for an unknown or disabled user
   */
  public X509Certificate certificate(String username) {
    User u = enabled(username);
    X509Certificate cert = Pem.certificate(u.certificatePem());
    return issuer.renewalDue(cert) ? renew(username) : cert;
  }

  /** The user's private key, unsealed. */
  public PrivateKey privateKey(String username) {
    String sealed =
        users
            .sealedKey(username)
            .orElseThrow(() -> new LedgerException("ACCESS_DENIED", "unknown user"));
    return Pem.privateKey(new String(sealer.open(username, sealed), StandardCharsets.US_ASCII));
  }

  /** Renews every enabled user's certificate that is due; returns how many were renewed. */
  public int renewDue() {
    int n = 0;
    for (User u : users.all()) {
      if (!u.disabled() && issuer.renewalDue(Pem.certificate(u.certificatePem()))) {
        renew(u.username());
        n++;
      }
    }
    return n;
  }

  private synchronized X509Certificate renew(String username) {
    User u = enabled(username); // read again: another thread may have renewed or disabled
    X509Certificate cert = Pem.certificate(u.certificatePem());
    if (!issuer.renewalDue(cert)) {
      return cert;
    }
    X509Certificate next = issuer.issueUser(username, u.role(), cert.getPublicKey());
    users.setCertificate(username, Pem.encode(next));
    return next;
  }

  private User enabled(String username) {
    User u =
        users
            .find(username)
            .orElseThrow(() -> new LedgerException("ACCESS_DENIED", "unknown user"));
    if (u.disabled()) {
      throw new LedgerException("ACCESS_DENIED", "user disabled");
    }
    return u;
  }
}
