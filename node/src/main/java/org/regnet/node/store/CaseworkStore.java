package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authority's own case work on referrals: who a case is assigned to, internal notes, and which
 * user has read which referral. Kept only in the node's database, never on the ledger: it is
 * internal to one authority. Creates its own tables so the core schema stays untouched.
 */
public final class CaseworkStore {
  private final Database db;

  /** An assignment of a referral to an officer of this authority. */
  public record Assignment(String referralId, String assignee, String assignedBy, Instant at) {}

  /** An internal note on a referral. */
  public record Note(long id, String referralId, String author, String text, Instant at) {}

  public CaseworkStore(Database db) {
    this.db = db;
    db.inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS case_assignments (referral_id VARCHAR(128) PRIMARY KEY,"
                    + " assignee VARCHAR(64) NOT NULL, assigned_by VARCHAR(64) NOT NULL,"
                    + " assigned_at TIMESTAMP NOT NULL)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS case_notes (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " referral_id VARCHAR(128) NOT NULL, author VARCHAR(64) NOT NULL,"
                    + " body VARCHAR(4000) NOT NULL, created_at TIMESTAMP NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS case_notes_referral ON case_notes(referral_id)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS case_reads (username VARCHAR(64) NOT NULL,"
                    + " referral_id VARCHAR(128) NOT NULL, read_at TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (username, referral_id))");
          }
          return null;
        });
  }

  public void assign(String referralId, String assignee, String by, Instant at) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "MERGE INTO case_assignments(referral_id, assignee, assigned_by, assigned_at)"
                      + " KEY(referral_id) VALUES (?,?,?,?)")) {
            p.setString(1, referralId);
            p.setString(2, assignee);
            p.setString(3, by);
            p.setTimestamp(4, Timestamp.from(at));
            p.executeUpdate();
          }
          return null;
        });
  }

  public Optional<Assignment> assignment(String referralId) {
    return Optional.ofNullable(assignments(List.of(referralId)).get(referralId));
  }

  /** The assignments of the given referrals, by referral id. */
  public Map<String, Assignment> assignments(List<String> referralIds) {
    Map<String, Assignment> out = new HashMap<>();
    if (referralIds.isEmpty()) {
      return out;
    }
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT referral_id, assignee, assigned_by, assigned_at FROM case_assignments"
                      + " WHERE referral_id = ANY(?)")) {
            q.setArray(1, c.createArrayOf("VARCHAR", referralIds.toArray()));
            ResultSet r = q.executeQuery();
            while (r.next()) {
              out.put(
                  r.getString(1),
                  new Assignment(
                      r.getString(1),
                      r.getString(2),
                      r.getString(3),
                      r.getTimestamp(4).toInstant()));
            }
          }
          return out;
        });
  }

  public Note addNote(String referralId, String author, String text, Instant at) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO case_notes(referral_id, author, body, created_at) VALUES (?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, referralId);
            p.setString(2, author);
            p.setString(3, text);
            p.setTimestamp(4, Timestamp.from(at));
            p.executeUpdate();
            ResultSet keys = p.getGeneratedKeys();
            keys.next();
            return new Note(keys.getLong(1), referralId, author, text, at);
          }
        });
  }

  /** Notes on a referral, oldest first. */
  public List<Note> notes(String referralId) {
    return db.inTransaction(
        c -> {
          List<Note> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT id, author, body, created_at FROM case_notes WHERE referral_id = ?"
                      + " ORDER BY id")) {
            q.setString(1, referralId);
            ResultSet r = q.executeQuery();
            while (r.next()) {
              out.add(
                  new Note(
                      r.getLong(1),
                      referralId,
                      r.getString(2),
                      r.getString(3),
                      r.getTimestamp(4).toInstant()));
            }
          }
          return out;
        });
  }

  public void markRead(String username, String referralId, Instant at) {
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "MERGE INTO case_reads(username, referral_id, read_at) KEY(username, referral_id)"
                      + " VALUES (?,?,?)")) {
            p.setString(1, username);
            p.setString(2, referralId);
            p.setTimestamp(3, Timestamp.from(at));
            p.executeUpdate();
          }
          return null;
        });
  }

  /** Of the given referrals, those the user has read. */
  public Set<String> read(String username, List<String> referralIds) {
    Set<String> out = new HashSet<>();
    if (referralIds.isEmpty()) {
      return out;
    }
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT referral_id FROM case_reads WHERE username = ? AND referral_id = ANY(?)")) {
            q.setString(1, username);
            q.setArray(2, c.createArrayOf("VARCHAR", referralIds.toArray()));
            ResultSet r = q.executeQuery();
            while (r.next()) {
              out.add(r.getString(1));
            }
          }
          return out;
        });
  }
}
