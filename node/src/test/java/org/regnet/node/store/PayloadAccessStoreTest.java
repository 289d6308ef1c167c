package org.regnet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node uses each payload access for one fetch, and remembers it across restarts. */
class PayloadAccessStoreTest {
  private static final String SECRET = "a-node-secret-long-enough-0123456789";

  @Test
  void an_access_is_used_once_even_after_a_restart(@TempDir Path dir) {
    try (Database db = new Database(dir, SECRET)) {
      PayloadAccessStore store = new PayloadAccessStore(db, Clock.systemUTC());
      assertThat(store.markUsed("a1")).isTrue();
      assertThat(store.markUsed("a1")).isFalse();
      assertThat(store.markUsed("a2")).isTrue();
    }
    try (Database db = new Database(dir, SECRET)) {
      assertThat(new PayloadAccessStore(db, Clock.systemUTC()).markUsed("a1")).isFalse();
    }
  }
}
