package org.regnet.node.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The node's embedded H2 database: users, tokens, login throttling, the event checkpoint and the
 * inbox. {@code AUTO_SERVER} lets the admin CLI write while the node runs; {@code WRITE_DELAY=0}
 * makes every commit durable at once, so a crash loses nothing the node acknowledged. The ledger
 * stays the source of truth for cases; nothing confidential is stored here.
 */
public final class Database {
  private final String url;

  public Database(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create " + dataDir, e);
    }
    this.url =
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve("node")
            + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=0;WRITE_DELAY=0";
    migrate();
  }

  public Connection connect() {
    try {
      return DriverManager.getConnection(url, "regnet", "");
    } catch (SQLException e) {
      throw new StoreException("cannot open the node database", e);
    }
  }

  /** Runs {@code work} in one transaction: all of it commits, or none. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e instanceof RuntimeException r
            ? r
            : new StoreException("database: " + e.getMessage(), e);
      }
    } catch (SQLException e) {
      throw new StoreException("database: " + e.getMessage(), e);
    }
  }

  /** A unit of work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private void migrate() {
    inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS users (username VARCHAR(64) PRIMARY KEY, role VARCHAR(32) NOT NULL,"
                    + " password_hash VARCHAR(512) NOT NULL, disabled BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " cert_pem VARCHAR(8192) NOT NULL, key_sealed VARCHAR(8192) NOT NULL, created_at TIMESTAMP NOT NULL)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS tokens (token_hash VARCHAR(64) PRIMARY KEY, username VARCHAR(64) NOT NULL,"
                    + " expires_at TIMESTAMP NOT NULL, revoked BOOLEAN NOT NULL DEFAULT FALSE)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS login_failures (username VARCHAR(64) PRIMARY KEY, failures INT NOT NULL,"
                    + " locked_until TIMESTAMP)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS checkpoint (id INT PRIMARY KEY, block_number BIGINT NOT NULL,"
                    + " tx_id VARCHAR(128))");
            s.execute(
                "CREATE TABLE IF NOT EXISTS inbox (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " event_key VARCHAR(256) NOT NULL UNIQUE, event_name VARCHAR(128) NOT NULL, object_id VARCHAR(128),"
                    + " treaty_id VARCHAR(128), tx_id VARCHAR(128) NOT NULL, block_number BIGINT NOT NULL,"
                    + " payload VARCHAR(4096) NOT NULL, received_at TIMESTAMP NOT NULL)");
          }
          return null;
        });
  }
}
