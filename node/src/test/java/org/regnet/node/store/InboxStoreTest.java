package org.regnet.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxStoreTest {
  private static final String SECRET = "s".repeat(40);

  @Test
  void an_event_is_filed_once_with_the_checkpoint_and_a_replay_after_restart_adds_nothing(
      @TempDir Path dir) {
    InboxStore inbox = new InboxStore(new Database(dir, SECRET));
    assertThat(
            inbox.process(
                "tx1/regnet.referral.submitted",
                "regnet.referral.submitted",
                "REF-1",
                "TRT-1",
                "tx1",
                7,
                "{\"objectId\":\"REF-1\"}",
                true))
        .isTrue();
    assertThat(
            inbox.process(
                "tx2/regnet.treaty.founded",
                "regnet.treaty.founded",
                "TRT-2",
                "TRT-2",
                "tx2",
                7,
                "{}",
                false))
        .isTrue();
    assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(7, "tx2"));

    // A restart: a new store on the same database replays from the checkpoint's block.
    InboxStore restarted = new InboxStore(new Database(dir, SECRET));
    assertThat(
            restarted.process(
                "tx1/regnet.referral.submitted",
                "regnet.referral.submitted",
                "REF-1",
                "TRT-1",
                "tx1",
                7,
                "{\"objectId\":\"REF-1\"}",
                true))
        .isFalse();
    assertThat(
            restarted.process(
                "tx2/regnet.treaty.founded",
                "regnet.treaty.founded",
                "TRT-2",
                "TRT-2",
                "tx2",
                7,
                "{}",
                false))
        .isFalse();
    assertThat(
            restarted.process(
                "tx3/regnet.referral.acknowledged",
                "regnet.referral.acknowledged",
                "REF-1",
                "TRT-1",
                "tx3",
                8,
                "{}",
                true))
        .isTrue();

    assertThat(restarted.after(0, 100)).extracting(InboxItem::txId).containsExactly("tx1", "tx3");
    assertThat(restarted.checkpoint()).isEqualTo(new Checkpoint(8, "tx3"));
  }

  @Test
  void items_after_a_position_come_oldest_first(@TempDir Path dir) {
    InboxStore inbox = new InboxStore(new Database(dir, SECRET));
    for (int i = 1; i <= 5; i++) {
      inbox.process(
          "tx" + i + "/e", "regnet.referral.submitted", "REF-" + i, "T", "tx" + i, i, "{}", true);
    }
    var first = inbox.after(0, 2);
    assertThat(first).extracting(InboxItem::objectId).containsExactly("REF-1", "REF-2");
    assertThat(inbox.after(first.get(1).seq(), 10))
        .extracting(InboxItem::objectId)
        .containsExactly("REF-3", "REF-4", "REF-5");
  }

  @Test
  void readers_skip_other_authorities_events_through_an_index_not_a_walk(@TempDir Path dir)
      throws Exception {
    Database db = new Database(dir, SECRET);
    InboxStore inbox = new InboxStore(db);
    inbox.process("t0/e", "regnet.referral.submitted", "REF-0", "T", "t0", 1, "{}", true);
    for (int i = 1; i <= 50; i++) {
      inbox.process("t" + i + "/e", "regnet.treaty.founded", "T", "T", "t" + i, 1, "{}", false);
    }
    inbox.process("t51/e", "regnet.referral.submitted", "REF-51", "T", "t51", 2, "{}", true);

    var first = inbox.after(0, 10);
    assertThat(first).extracting(InboxItem::txId).containsExactly("t0", "t51");
    assertThat(inbox.after(first.get(0).seq(), 10))
        .extracting(InboxItem::txId)
        .containsExactly("t51");
    String plan =
        db.inTransaction(
            c -> {
              try (var r =
                  c.createStatement()
                      .executeQuery(
                          "EXPLAIN SELECT seq FROM inbox WHERE relevant = TRUE AND seq > 1"
                              + " ORDER BY seq LIMIT 10")) {
                r.next();
                return r.getString(1);
              }
            });
    assertThat(plan).containsIgnoringCase("INBOX_RELEVANT_SEQ");
  }

  @Test
  void a_blocks_filings_commit_with_the_checkpoint_or_not_at_all(@TempDir Path dir) {
    InboxStore inbox = new InboxStore(new Database(dir, SECRET));
    inbox.process("tx0/e", "regnet.referral.submitted", "REF-0", "T", "tx0", 6, "{}", true);
    Filing good =
        new Filing.Event("tx1/e", "regnet.referral.submitted", "REF-1", "T", "tx1", 7, "{}", true);
    Filing overLong =
        new Filing.Event(
            "tx2/e", "regnet.referral.submitted", "R".repeat(5000), "T", "tx2", 7, "{}", true);

    assertThatThrownBy(() -> inbox.file(List.of(good, overLong)))
        .isInstanceOf(StoreException.class);
    assertThat(inbox.after(0, 10)).extracting(InboxItem::txId).containsExactly("tx0");
    assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(6, "tx0"));

    Filing quarantined = new Filing.Quarantine("tx2/e", "tx2", 7, "unstorable", new byte[] {1});
    assertThat(inbox.file(List.of(good, quarantined))).isEqualTo(2);
    assertThat(inbox.file(List.of(good))).isZero(); // replayed: recognised by its key
    assertThat(inbox.after(0, 10)).extracting(InboxItem::txId).containsExactly("tx0", "tx1");
    assertThat(inbox.quarantined()).isEqualTo(1);
    assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(7, "tx2"));
  }

  @Test
  void the_object_ids_of_an_event_name_include_own_actions_filed_as_not_relevant(
      @TempDir Path dir) {
    InboxStore inbox = new InboxStore(new Database(dir, SECRET));
    inbox.process("tx1/p", "regnet.assistance.purged", "RFA-1", "T", "tx1", 3, "{}", true);
    inbox.process("tx2/p", "regnet.assistance.purged", "RFA-2", "T", "tx2", 4, "{}", false);
    inbox.process("tx3/r", "regnet.assistance.replied", "RFA-3", "T", "tx3", 5, "{}", true);
    inbox.process("tx4/p", "regnet.assistance.purged", "RFA-1", "T", "tx4", 6, "{}", true);
    assertThat(inbox.objectIds("regnet.assistance.purged")).containsExactly("RFA-1", "RFA-2");
    assertThat(inbox.objectIds("regnet.assistance.closed")).isEmpty();
  }
}
