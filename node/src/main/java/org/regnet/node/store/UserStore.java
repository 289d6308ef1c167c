package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users with their password hash, certificate and sealed private key. */
public final class UserStore {
  private final Database db;

  public UserStore(Database db) {
    this.db = db;
  }

  /** Inserts a user; false when the name is taken. */
  public boolean create(
      String username, String role, String passwordHash, String certPem, String keySealed) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM users WHERE username = ?")) {
            q.setString(1, username);
            if (q.executeQuery().next()) {
              return false;
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO users(username, role, password_hash, cert_pem, key_sealed, created_at) VALUES (?,?,?,?,?,?)")) {
            p.setString(1, username);
            p.setString(2, role);
            p.setString(3, passwordHash);
            p.setString(4, certPem);
            p.setString(5, keySealed);
            p.setTimestamp(6, Timestamp.from(Instant.now()));
            p.executeUpdate();
          }
          return true;
        });
  }

  public Optional<User> find(String username) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT username, role, disabled, cert_pem FROM users WHERE username = ?")) {
            q.setString(1, username);
            ResultSet r = q.executeQuery();
            return r.next()
                ? Optional.of(
                    new User(r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4)))
                : Optional.empty();
          }
        });
  }

  public Optional<String> passwordHash(String username) {
    return column(username, "password_hash");
  }

  public Optional<String> sealedKey(String username) {
    return column(username, "key_sealed");
  }

  public boolean setDisabled(String username, boolean disabled) {
    return update("UPDATE users SET disabled = ? WHERE username = ?", disabled, username);
  }

  /** Replaces a user's certificate by its renewal (same key). */
  public boolean setCertificate(String username, String certPem) {
    return update("UPDATE users SET cert_pem = ? WHERE username = ?", certPem, username);
  }

  public boolean setPasswordHash(String username, String hash) {
    return update("UPDATE users SET password_hash = ? WHERE username = ?", hash, username);
  }

  /** Replaces a user's role with the certificate and sealed key that carry it. */
  public boolean replaceIdentity(String username, String role, String certPem, String keySealed) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE users SET role = ?, cert_pem = ?, key_sealed = ? WHERE username = ?")) {
            p.setString(1, role);
            p.setString(2, certPem);
            p.setString(3, keySealed);
            p.setString(4, username);
            return p.executeUpdate() == 1;
          }
        });
  }

  public List<User> all() {
    return db.inTransaction(
        c -> {
          List<User> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT username, role, disabled, cert_pem FROM users ORDER BY username")) {
            ResultSet r = q.executeQuery();
            while (r.next()) {
              out.add(new User(r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4)));
            }
          }
          return out;
        });
  }

  private Optional<String> column(String username, String column) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT " + column + " FROM users WHERE username = ?")) {
            q.setString(1, username);
            ResultSet r = q.executeQuery();
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
          }
        });
  }

  private boolean update(String sql, Object value, String username) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, value);
            p.setString(2, username);
            return p.executeUpdate() == 1;
          }
        });
  }
}
