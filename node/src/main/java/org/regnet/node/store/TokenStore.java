package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Bearer tokens, stored only as their SHA-256, with expiry and revocation. */
public final class TokenStore {
  private final Database db;

  public TokenStore(Database db) {
    this.db = db;
  }

  public void save(String tokenHash, String username, Instant expiresAt) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO tokens(token_hash, username, expires_at) VALUES (?,?,?)")) {
            p.setString(1, tokenHash);
            p.setString(2, username);
            p.setTimestamp(3, Timestamp.from(expiresAt));
            p.executeUpdate();
          }
          return null;
        });
  }

  /** The user of a live (unexpired, unrevoked) token. */
  public Optional<String> liveUser(String tokenHash, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT username FROM tokens WHERE token_hash = ? AND revoked = FALSE AND expires_at > ?")) {
            q.setString(1, tokenHash);
            q.setTimestamp(2, Timestamp.from(now));
            ResultSet r = q.executeQuery();
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
          }
        });
  }

  public void revoke(String tokenHash) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("UPDATE tokens SET revoked = TRUE WHERE token_hash = ?")) {
            p.setString(1, tokenHash);
            p.executeUpdate();
          }
          return null;
        });
  }

  public void revokeAll(String username) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("UPDATE tokens SET revoked = TRUE WHERE username = ?")) {
            p.setString(1, username);
            p.executeUpdate();
          }
          return null;
        });
  }
}
