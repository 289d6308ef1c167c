package org.regnet.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's embedded H2 database: users, tokens, login throttling, the event checkpoint, the
 * inbox, its quarantine and idempotent outcomes.
 *
 * <p>It is a file, never a server: no {@code AUTO_SERVER}, no TCP listener, so only this process
 * opens it (H2's file lock refuses a second one). Its directory is 0700 and its files 0600; its
 * password is derived from the node secret, so reading the files' directory is not enough to log
 * in. Connections come from a small HikariCP pool. {@code WRITE_DELAY=0} makes every commit durable
 * at once, so a crash loses nothing the node acknowledged. The ledger stays the source of truth for
 * cases; nothing confidential is stored here.
 */
public final class Database implements AutoCloseable {
  static final String USER = "regnet";
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dataDir;
  private final String url;
  private final HikariDataSource pool;

  /**
   * Opens (creating if needed) the database in {@code dataDir}.
   *
   * @param secret the node secret the database password is derived from
   * @throws StoreException when the files are in use by another process or the password is wrong
   */
  public Database(Path dataDir, String secret) {
    this.dataDir = dataDir.toAbsolutePath();
    ownerOnlyDirectory(this.dataDir);
    // FILE_LOCK=FILE (the default) with no AUTO_SERVER: a second process is refused, not served.
    this.url =
        "jdbc:h2:file:" + this.dataDir.resolve("node") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    String password = password(secret);
    upgradeEmptyPassword(password);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    cfg.setUsername(USER);
    cfg.setPassword(password);
    cfg.setPoolName("node-db");
    cfg.setMaximumPoolSize(8);
    cfg.setMinimumIdle(1);
    cfg.setAutoCommit(false);
    cfg.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
    cfg.setInitializationFailTimeout(1); // a wrong password or a locked file fails at once
    cfg.setConnectionTimeout(10_000);
    try {
      this.pool = new HikariDataSource(cfg);
      try (Connection c = pool.getConnection()) {
        c.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(
          "cannot open the node database (is another process using it?): " + rootMessage(e), e);
    }
    migrate();
    ownerOnlyFiles();
  }

  /** The JDBC URL (no credentials): file mode only. */
  public String url() {
    return url;
  }

  /**
   * Runs {@code work} in one transaction: all of it commits, or none. Serializable transactions
   * that collide (H2 reports a deadlock or a concurrent update) are rolled back and run again, a
   * few times, so concurrent requests never surface that as an error.
   */
  public <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (StoreException e) {
        if (attempt >= 5 || !collided(e)) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  private <T> T once(Work<T> work) {
    try (Connection c = pool.getConnection()) {
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

  /** Serialization failure (40001) or H2's concurrent update (90131). */
  private static boolean collided(StoreException e) {
    return e.getCause() instanceof SQLException sql
        && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 90131);
  }

  /** A unit of work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  @Override
  public void close() {
    pool.close();
  }

  /** HMAC-SHA256 of a fixed label under the node secret: stable, and useless without the secret. */
  static String password(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal("regnet node database".getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A database made before its password was derived from the secret had an empty one: set the
   * derived password once, then the empty one no longer opens it.
   */
  private void upgradeEmptyPassword(String password) {
    if (!Files.exists(dataDir.resolve("node.mv.db"))) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, USER, "");
        Statement s = c.createStatement()) {
      s.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
    } catch (SQLException e) {
      // Wrong password (already upgraded) or in use: the pool's own open reports what matters.
    }
  }

  private static void ownerOnlyDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, OWNER_DIR);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to narrow
    } catch (IOException e) {
      throw new StoreException("cannot create " + dir, e);
    }
  }

  /** H2 creates its files with the process umask; narrow them to the owner. */
  private void ownerOnlyFiles() {
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().startsWith("node.")) {
          Files.setPosixFilePermissions(f, OWNER_FILE);
        }
      }
    } catch (UnsupportedOperationException e) {
      // not POSIX
    } catch (IOException e) {
      throw new StoreException("cannot restrict the database files in " + dataDir, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
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
            s.execute("DROP TABLE IF EXISTS login_failures");
            s.execute(
                "CREATE TABLE IF NOT EXISTS login_throttle (throttle_key VARCHAR(256) PRIMARY KEY,"
                    + " failures INT NOT NULL, blocked_until TIMESTAMP, last_failure TIMESTAMP NOT NULL)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS checkpoint (id INT PRIMARY KEY, block_number BIGINT NOT NULL,"
                    + " tx_id VARCHAR(128))");
            s.execute(
                "CREATE TABLE IF NOT EXISTS inbox (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " event_key VARCHAR(256) NOT NULL UNIQUE, event_name VARCHAR(128) NOT NULL, object_id VARCHAR(128),"
                    + " treaty_id VARCHAR(128), tx_id VARCHAR(128) NOT NULL, block_number BIGINT NOT NULL,"
                    + " payload CLOB NOT NULL, received_at TIMESTAMP NOT NULL)");
            // Older databases had payload VARCHAR(4096): an event over it stalled the follower.
            try (var r =
                s.executeQuery(
                    "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_NAME = 'INBOX' AND COLUMN_NAME = 'PAYLOAD'")) {
              if (r.next() && !r.getString(1).contains("LARGE OBJECT")) {
                r.close();
                s.execute("ALTER TABLE inbox ALTER COLUMN payload SET DATA TYPE CLOB");
              }
            }
            // Readers ask for the events meant for this authority after a position; most rows
            // are other authorities' events (kept only so a replay recognises them). An index on
            // (relevant, seq) lets a reader skip them instead of walking every row after its
            // position, which grew with the ledger.
            s.execute("ALTER TABLE inbox ADD COLUMN IF NOT EXISTS relevant BOOLEAN");
            s.execute(
                "UPDATE inbox SET relevant = (event_name NOT LIKE '~%') WHERE relevant IS NULL");
            s.execute("CREATE INDEX IF NOT EXISTS inbox_relevant_seq ON inbox(relevant, seq)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS payload_access_used (access_id VARCHAR(128) PRIMARY KEY,"
                    + " used_at TIMESTAMP NOT NULL)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS inbox_quarantine (key_hash VARCHAR(64) PRIMARY KEY,"
                    + " event_key CLOB NOT NULL, tx_id CLOB, block_number BIGINT NOT NULL,"
                    + " reason CLOB NOT NULL, payload BLOB, received_at TIMESTAMP NOT NULL)");
            s.execute(
                "CREATE TABLE IF NOT EXISTS idempotency (username VARCHAR(64) NOT NULL, idem_key VARCHAR(128) NOT NULL,"
                    + " request_hash VARCHAR(64) NOT NULL, status INT, body CLOB, created_at TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (username, idem_key))");
          }
          return null;
        });
  }
}
