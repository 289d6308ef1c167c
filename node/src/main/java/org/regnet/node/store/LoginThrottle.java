package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts failed logins per user name (known or not, so the lock says nothing about existence) and
 * locks the name for a while after too many.
 */
public final class LoginThrottle {
  private final Database db;
  private final int maxFailures;
  private final Duration lockout;

  public LoginThrottle(Database db, int maxFailures, Duration lockout) {
    this.db = db;
    this.maxFailures = maxFailures;
    this.lockout = lockout;
  }

  public boolean isLocked(String username, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT locked_until FROM login_failures WHERE username = ?")) {
            q.setString(1, username);
            ResultSet r = q.executeQuery();
            if (!r.next() || r.getTimestamp(1) == null) {
              return false;
            }
            return r.getTimestamp(1).toInstant().isAfter(now);
          }
        });
  }

  public void failed(String username, Instant now) {
    db.inTransaction(
        c -> {
          int failures = 0;
          try (PreparedStatement q =
              c.prepareStatement("SELECT failures FROM login_failures WHERE username = ?")) {
            q.setString(1, username);
            ResultSet r = q.executeQuery();
            if (r.next()) {
              failures = r.getInt(1);
            }
          }
          failures++;
          Timestamp until = failures >= maxFailures ? Timestamp.from(now.plus(lockout)) : null;
          try (PreparedStatement p =
              c.prepareStatement(
                  "MERGE INTO login_failures(username, failures, locked_until) KEY(username) VALUES (?,?,?)")) {
            p.setString(1, username);
            p.setInt(2, failures >= maxFailures ? 0 : failures);
            p.setTimestamp(3, until);
            p.executeUpdate();
          }
          return null;
        });
  }

  public void succeeded(String username) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM login_failures WHERE username = ?")) {
            p.setString(1, username);
            p.executeUpdate();
          }
          return null;
        });
  }
}
