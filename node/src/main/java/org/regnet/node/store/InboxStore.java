package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbox and the event checkpoint, written together: a block's inbox entries and the checkpoint
 * that says they were processed commit in one local transaction, and each event's key is unique, so
 * replaying events after a crash (from the checkpoint's block) adds nothing twice and loses
 * nothing.
 */
public final class InboxStore {
  private final Database db;

  public InboxStore(Database db) {
    this.db = db;
  }

  public Checkpoint checkpoint() {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT block_number, tx_id FROM checkpoint WHERE id = 1")) {
            ResultSet r = q.executeQuery();
            return r.next() ? new Checkpoint(r.getLong(1), r.getString(2)) : Checkpoint.START;
          }
        });
  }

  /**
   * Records that the event was processed, adding it to the inbox when {@code relevant}.
   *
   * @return true when the event was new, false when it had been processed before
   */
  public boolean process(
      String eventKey,
      String event,
      String objectId,
      String treatyId,
      String txId,
      long block,
      String payload,
      boolean relevant) {
    return file(
            List.of(
                new Filing.Event(
                    eventKey, event, objectId, treatyId, txId, block, payload, relevant)))
        == 1;
  }

  /**
   * Files an event the inbox cannot hold (a field over its column, say) in the quarantine, and
   * advances the checkpoint in the same transaction, so the follower moves on and a replay after a
   * crash files it once. The quarantine keeps the raw payload for an operator to inspect.
   */
  public void quarantine(String eventKey, String txId, long block, String reason, byte[] payload) {
    file(List.of(new Filing.Quarantine(eventKey, txId, block, reason, payload)));
  }

  /**
   * Files a block's events, in their order, and advances the checkpoint to the last of them, all in
   * one local transaction: a crash leaves either all of it or none, and the follower then replays
   * the block from the checkpoint, where the events already filed are recognised by their key. One
   * transaction (one commit written to the file) per block instead of one per event.
   *
   * @return how many events were new (newly quarantined ones count as new)
   */
  public int file(List<Filing> filings) {
    if (filings.isEmpty()) {
      return 0;
    }
    return db.inTransaction(
        c -> {
          int added = 0;
          for (Filing f : filings) {
            if (f instanceof Filing.Event e
                ? insertIfNew(c, e)
                : quarantine(c, (Filing.Quarantine) f)) {
              added++;
            }
          }
          if (added > 0) {
            Filing last = filings.get(filings.size() - 1);
            advance(c, last.block(), last.txId());
          }
          return added;
        });
  }

  private static boolean insertIfNew(java.sql.Connection c, Filing.Event e)
      throws java.sql.SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM inbox WHERE event_key = ?")) {
      q.setString(1, e.key());
      if (q.executeQuery().next()) {
        return false;
      }
    }
    // Irrelevant events are recorded too (payload empty) so a replay recognises them.
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO inbox(event_key, event_name, object_id, treaty_id,"
                + " tx_id, block_number, payload, received_at, relevant)"
                + " VALUES (?,?,?,?,?,?,?,?,?)")) {
      p.setString(1, e.key());
      p.setString(2, e.relevant() ? e.name() : "~" + e.name());
      p.setString(3, e.objectId());
      p.setString(4, e.treatyId());
      p.setString(5, e.txId());
      p.setLong(6, e.block());
      p.setString(7, e.relevant() ? e.payload() : "");
      p.setTimestamp(8, Timestamp.from(Instant.now()));
      p.setBoolean(9, e.relevant());
      p.executeUpdate();
    }
    return true;
  }

  private static boolean quarantine(java.sql.Connection c, Filing.Quarantine q)
      throws java.sql.SQLException {
    String hash = sha256(q.key());
    try (PreparedStatement k =
        c.prepareStatement("SELECT 1 FROM inbox_quarantine WHERE key_hash = ?")) {
      k.setString(1, hash);
      if (k.executeQuery().next()) {
        return false; // quarantined before this replay
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "MERGE INTO inbox_quarantine(key_hash, event_key, tx_id, block_number, reason,"
                + " payload, received_at) KEY(key_hash) VALUES (?,?,?,?,?,?,?)")) {
      p.setString(1, hash);
      p.setString(2, q.key());
      p.setString(3, q.txId());
      p.setLong(4, q.block());
      p.setString(5, q.reason());
      p.setBytes(6, q.payload());
      p.setTimestamp(7, Timestamp.from(Instant.now()));
      p.executeUpdate();
    }
    return true;
  }

  /**
   * The object ids of every event named {@code eventName} this node has filed, relevant to it or
   * not (an own action is filed as not relevant), oldest first, each once.
   */
  public List<String> objectIds(String eventName) {
    return db.inTransaction(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT object_id FROM inbox WHERE event_name IN (?, ?)"
                      + " AND object_id IS NOT NULL GROUP BY object_id ORDER BY MIN(seq)")) {
            q.setString(1, eventName);
            q.setString(2, "~" + eventName);
            ResultSet r = q.executeQuery();
            while (r.next()) {
              out.add(r.getString(1));
            }
          }
          return out;
        });
  }

  /** How many events are in quarantine (a metric: anything above zero needs an operator). */
  public long quarantined() {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM inbox_quarantine")) {
            ResultSet r = q.executeQuery();
            r.next();
            return r.getLong(1);
          }
        });
  }

  private static void advance(java.sql.Connection c, long block, String txId)
      throws java.sql.SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "MERGE INTO checkpoint(id, block_number, tx_id) KEY(id) VALUES (1,?,?)")) {
      p.setLong(1, block);
      p.setString(2, txId.length() > 128 ? txId.substring(0, 128) : txId);
      p.executeUpdate();
    }
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inbox items after {@code seq}, oldest first, at most {@code limit}. */
  public List<InboxItem> after(long seq, int limit) {
    return db.inTransaction(
        c -> {
          List<InboxItem> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT seq, event_name, object_id, treaty_id, tx_id, block_number,"
                      + " payload, received_at FROM inbox WHERE relevant = TRUE AND seq > ? ORDER BY seq LIMIT ?")) {
            q.setLong(1, seq);
            q.setInt(2, limit);
            ResultSet r = q.executeQuery();
            while (r.next()) {
              out.add(
                  new InboxItem(
                      r.getLong(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      r.getString(5),
                      r.getLong(6),
                      r.getString(7),
                      r.getTimestamp(8).toInstant()));
            }
          }
          return out;
        });
  }
}
