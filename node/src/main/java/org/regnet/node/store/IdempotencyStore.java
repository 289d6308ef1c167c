package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The first outcome of each (user, Idempotency-Key): claimed before the write runs, completed with
 * its status and body after. A claim without an outcome is a write that was running when the node
 * stopped; the caller decides whether it still runs.
 */
public final class IdempotencyStore {
  private static final Duration KEEP = Duration.ofDays(1);
  private final Database db;

  public IdempotencyStore(Database db) {
    this.db = db;
  }

  /** What the store holds for a key. */
  public sealed interface Claim {}

  /** No earlier request with this key: the caller now holds it. */
  public record Fresh() implements Claim {}

  /** An earlier request with this key finished: its outcome. */
  public record Done(int status, String body) implements Claim {}

  /** An earlier request with this key has no outcome yet (running, or cut off by a crash). */
  public record Unfinished() implements Claim {}

  /** The key was used before for a different request. */
  public record Mismatch() implements Claim {}

  public Claim claim(String username, String key, String requestHash, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT request_hash, status, body FROM idempotency WHERE username = ? AND idem_key = ?")) {
            q.setString(1, username);
            q.setString(2, key);
            ResultSet r = q.executeQuery();
            if (r.next()) {
              if (!r.getString(1).equals(requestHash)) {
                return new Mismatch();
              }
              int status = r.getInt(2);
              return r.wasNull() ? new Unfinished() : new Done(status, r.getString(3));
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO idempotency(username, idem_key, request_hash, created_at) VALUES (?,?,?,?)")) {
            p.setString(1, username);
            p.setString(2, key);
            p.setString(3, requestHash);
            p.setTimestamp(4, Timestamp.from(now));
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM idempotency WHERE created_at < ?")) {
            p.setTimestamp(1, Timestamp.from(now.minus(KEEP)));
            p.executeUpdate();
          }
          return new Fresh();
        });
  }

  /** Records the outcome a retry will get. */
  public void complete(String username, String key, int status, String body) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE idempotency SET status = ?, body = ? WHERE username = ? AND idem_key = ?")) {
            p.setInt(1, status);
            p.setString(2, body);
            p.setString(3, username);
            p.setString(4, key);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** Forgets a claim whose request failed in a way a retry should redo (the node was busy, say). */
  public void release(String username, String key) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM idempotency WHERE username = ? AND idem_key = ?")) {
            p.setString(1, username);
            p.setString(2, key);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** For tests and the admin: the stored outcome. */
  public Optional<Done> outcome(String username, String key) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT status, body FROM idempotency WHERE username = ? AND idem_key = ? AND status IS NOT NULL")) {
            q.setString(1, username);
            q.setString(2, key);
            ResultSet r = q.executeQuery();
            return r.next() ? Optional.of(new Done(r.getInt(1), r.getString(2))) : Optional.empty();
          }
        });
  }
}
