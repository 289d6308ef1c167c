package org.regnet.node.service;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;
import org.regnet.node.auth.Passwords;
import org.regnet.node.store.TokenStore;
import org.regnet.node.store.UserStore;
import org.regnet.rules.Role;

/**
 * Creates users, each with a short-lived Fabric client certificate from the node's issuing CA
 * carrying the user's role as a Fabric attribute, so the ledger records the real actor; disables
 * users (the node then refuses to sign for them, see {@link UserIdentities}) and rotates passwords
 * (revoking their tokens).
 */
public final class UserAdmin {
  private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
  private final UserStore users;
  private final TokenStore tokens;
  private final Passwords passwords;
  private final KeySealer sealer;
  private final CertificateIssuer issuer;

  public UserAdmin(
      UserStore users,
      TokenStore tokens,
      Passwords passwords,
      KeySealer sealer,
      CertificateIssuer issuer) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.sealer = sealer;
    this.issuer = issuer;
  }

  /** Creates a user; throws IllegalArgumentException naming the field on bad input. */
  public X509Certificate create(String username, String role, String password) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "username: 3..64 of a-z, 0-9, '.', '_', '-', starting with a letter");
    }
    Role r = role(role);
    String hash = passwords.hash(password);
    Identity id = issue(username, r);
    if (!users.create(username, r.wire(), hash, id.certPem(), id.sealedKey())) {
      throw new IllegalArgumentException("username: already exists");
    }
    return id.cert();
  }

  /**
   * Gives a user another role: the role is an attribute of the user's Fabric certificate, so a new
   * certificate and key replace the old ones, and the user's tokens are revoked.
   *
   * @return false when there is no such user
   */
  public boolean changeRole(String username, String role) {
    Role r = role(role);
    if (users.find(username).isEmpty()) {
      return false;
    }
    Identity id = issue(username, r);
    boolean done = users.replaceIdentity(username, r.wire(), id.certPem(), id.sealedKey());
    tokens.revokeAll(username);
    return done;
  }

  private record Identity(X509Certificate cert, String certPem, String sealedKey) {}

  private Identity issue(String username, Role r) {
    KeyPair pair = KeyPairs.p256();
    X509Certificate cert = issuer.issueUser(username, r.wire(), pair.getPublic());
    String sealed =
        sealer.seal(username, Pem.encode(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
    return new Identity(cert, Pem.encode(cert), sealed);
  }

  private static Role role(String role) {
    return Role.fromWire(role)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "role: one of treaty-admin, case-officer, investigator, auditor"));
  }

  public boolean disable(String username) {
    boolean done = users.setDisabled(username, true);
    tokens.revokeAll(username);
    return done;
  }

  public boolean rotatePassword(String username, String newPassword) {
    boolean done = users.setPasswordHash(username, passwords.hash(newPassword));
    tokens.revokeAll(username);
    return done;
  }
}
