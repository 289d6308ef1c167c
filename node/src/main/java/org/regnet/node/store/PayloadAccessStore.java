package org.regnet.node.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import org.regnet.node.service.UsedAccesses;

/**
 * The payload accesses this node has used, one row each: the chaincode cannot mark an access used
 * (its fetch is a query), so the node refuses to fetch twice on one access, across restarts.
 */
public final class PayloadAccessStore implements UsedAccesses {
  private static final String DUPLICATE_KEY = "23505";
  private final Database db;
  private final Clock clock;

  public PayloadAccessStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public boolean markUsed(String accessId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO payload_access_used(access_id, used_at) VALUES (?,?)")) {
            p.setString(1, accessId);
            p.setTimestamp(2, Timestamp.from(clock.instant()));
            p.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
              return false;
            }
            throw e;
          }
        });
  }
}
