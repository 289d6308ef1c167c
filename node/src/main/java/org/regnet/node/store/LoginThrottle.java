package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed logins, counted per (name, client address) and per client address, each with exponential
 * backoff once its free failures are spent: 15 s, 30 s, 60 s... up to a maximum.
 *
 * <p>No counter is per name alone, so a stranger failing on purpose slows down only their own
 * address (and the name from that address): the named user, from their own address, still logs in.
 * The per-address counter stops one address from spraying passwords across names. Counters live in
 * the database, so a restart does not reset them.
 */
public final class LoginThrottle {
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(15);
  private static final Duration FORGET_AFTER = Duration.ofDays(1);
  private final Database db;
  private final int nameFailures;
  private final int addressFailures;
  private final Duration maxBackoff;

  /**
   * @param nameFailures free failures for one name from one address
   * @param addressFailures free failures from one address across all names
   * @param maxBackoff the longest wait backoff grows to
   */
  public LoginThrottle(Database db, int nameFailures, int addressFailures, Duration maxBackoff) {
    this.db = db;
    this.nameFailures = nameFailures;
    this.addressFailures = addressFailures;
    this.maxBackoff = maxBackoff;
  }

  /** How long {@code address} must wait before trying {@code username} again (zero: go ahead). */
  public Duration wait(String username, String address, Instant now) {
    return db.inTransaction(
        c -> {
          Duration longest = Duration.ZERO;
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT blocked_until FROM login_throttle WHERE throttle_key IN (?, ?)")) {
            q.setString(1, nameKey(username, address));
            q.setString(2, addressKey(address));
            ResultSet r = q.executeQuery();
            while (r.next()) {
              Timestamp until = r.getTimestamp(1);
              if (until != null && until.toInstant().isAfter(now)) {
                Duration d = Duration.between(now, until.toInstant());
                longest = d.compareTo(longest) > 0 ? d : longest;
              }
            }
          }
          return longest;
        });
  }

  public void failed(String username, String address, Instant now) {
    db.inTransaction(
        c -> {
          for (var k :
              List.of(
                  new Object[] {nameKey(username, address), nameFailures},
                  new Object[] {addressKey(address), addressFailures})) {
            count(c, (String) k[0], (int) k[1], now);
          }
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM login_throttle WHERE last_failure < ?")) {
            p.setTimestamp(1, Timestamp.from(now.minus(FORGET_AFTER)));
            p.executeUpdate();
          }
          return null;
        });
  }

  /** A successful login clears the name's counter from that address (not the address's own). */
  public void succeeded(String username, String address) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("DELETE FROM login_throttle WHERE throttle_key = ?")) {
            p.setString(1, nameKey(username, address));
            p.executeUpdate();
          }
          return null;
        });
  }

  private void count(java.sql.Connection c, String key, int free, Instant now)
      throws java.sql.SQLException {
    int failures = 0;
    try (PreparedStatement q =
        c.prepareStatement("SELECT failures FROM login_throttle WHERE throttle_key = ?")) {
      q.setString(1, key);
      ResultSet r = q.executeQuery();
      if (r.next()) {
        failures = r.getInt(1);
      }
    }
    failures++;
    Timestamp until = failures >= free ? Timestamp.from(now.plus(backoff(failures - free))) : null;
    try (PreparedStatement p =
        c.prepareStatement(
            "MERGE INTO login_throttle(throttle_key, failures, blocked_until, last_failure)"
                + " KEY(throttle_key) VALUES (?,?,?,?)")) {
      p.setString(1, key);
      p.setInt(2, failures);
      p.setTimestamp(3, until);
      p.setTimestamp(4, Timestamp.from(now));
      p.executeUpdate();
    }
  }

  /** 15 s after the last free failure, doubling with each further one, capped. */
  Duration backoff(int beyondFree) {
    if (beyondFree >= 30) {
      return maxBackoff;
    }
    Duration d = FIRST_BACKOFF.multipliedBy(1L << beyondFree);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  private static String nameKey(String username, String address) {
    return "name:" + username + "@" + address;
  }

  private static String addressKey(String address) {
    return "addr:" + address;
  }
}
