package org.regnet.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node database is a file for this process only, with a password from the node secret. */
class DatabaseTest {
  private static final String SECRET = "a-node-secret-long-enough-0123456789";

  @Test
  void it_is_a_file_with_owner_only_permissions_and_no_server(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (Database db = new Database(data, SECRET)) {
      assertThat(db.url())
          .startsWith("jdbc:h2:file:")
          .doesNotContainIgnoringCase("AUTO_SERVER")
          .doesNotContainIgnoringCase("tcp");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(data)) {
        for (Path f : files.toList()) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .as(f.getFileName().toString())
              .isEqualTo("rw-------");
        }
      }
      // No AUTO_SERVER: the lock file (if any) advertises no server address to connect to.
      Path lock = data.resolve("node.lock.db");
      if (Files.exists(lock)) {
        assertThat(Files.readString(lock)).doesNotContain("server=");
      }
    }
  }

  @Test
  void the_empty_password_and_another_secret_do_not_open_it(@TempDir Path dir) {
    try (Database db = new Database(dir, SECRET)) {
      assertThatThrownBy(() -> DriverManager.getConnection(db.url(), "regnet", "").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Wrong user name or password");
      assertThatThrownBy(() -> new Database(dir, "another-secret-long-enough-0123456789"))
          .isInstanceOf(StoreException.class);
    }
  }

  @Test
  void a_database_with_the_old_empty_password_is_moved_to_the_derived_one(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("node");
    DriverManager.getConnection(url, "regnet", "").close(); // as the node made it before
    try (Database db = new Database(dir, SECRET)) {
      assertThatThrownBy(() -> DriverManager.getConnection(db.url(), "regnet", "").close())
          .isInstanceOf(SQLException.class);
      assertThat(new UserStore(db).all()).isEmpty();
    }
  }

  @Test
  void an_inbox_made_with_the_old_4096_character_payload_column_takes_big_events(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("node");
    try (var c = DriverManager.getConnection(url, "regnet", "");
        var s = c.createStatement()) {
      s.execute(
          "CREATE TABLE inbox (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
              + " event_key VARCHAR(256) NOT NULL UNIQUE, event_name VARCHAR(128) NOT NULL,"
              + " object_id VARCHAR(128), treaty_id VARCHAR(128), tx_id VARCHAR(128) NOT NULL,"
              + " block_number BIGINT NOT NULL, payload VARCHAR(4096) NOT NULL,"
              + " received_at TIMESTAMP NOT NULL)");
    }
    try (Database db = new Database(dir, SECRET)) {
      String big = "{\"note\":\"" + "y".repeat(9_000) + "\"}";
      assertThat(new InboxStore(db).process("t/e", "e", null, null, "t", 1, big, true)).isTrue();
    }
  }

  @Test
  void an_event_over_4096_bytes_is_stored(@TempDir Path dir) {
    try (Database db = new Database(dir, SECRET)) {
      InboxStore inbox = new InboxStore(db);
      String big = "{\"objectId\":\"REF-1\",\"note\":\"" + "x".repeat(20_000) + "\"}";
      assertThat(
              inbox.process(
                  "tx9/e", "regnet.referral.submitted", "REF-1", "TRT-1", "tx9", 3, big, true))
          .isTrue();
      assertThat(inbox.after(0, 10)).singleElement().extracting(InboxItem::payload).isEqualTo(big);
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(3, "tx9"));
    }
  }

  @Test
  void transactions_reuse_pooled_connections_rather_than_opening_one_each(@TempDir Path dir) {
    try (Database db = new Database(dir, SECRET)) {
      java.util.Set<Integer> sessions = new java.util.HashSet<>();
      for (int i = 0; i < 50; i++) {
        sessions.add(
            db.inTransaction(
                c -> {
                  try (var q = c.createStatement();
                      var r = q.executeQuery("SELECT SESSION_ID()")) {
                    r.next();
                    return r.getInt(1);
                  }
                }));
      }
      // One H2 session per connection: 50 transactions, at most the pool's 8 connections.
      assertThat(sessions).hasSizeBetween(1, 8);
    }
  }
}
