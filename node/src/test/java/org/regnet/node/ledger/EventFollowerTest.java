package org.regnet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.service.InboxFilter;
import org.regnet.node.store.Checkpoint;
import org.regnet.node.store.Database;
import org.regnet.node.store.InboxItem;
import org.regnet.node.store.InboxStore;

/** An event the inbox cannot hold goes to the quarantine; the follower never stalls on it. */
class EventFollowerTest {

  private static ChaincodeEvent event(String txId, long block, String payload) {
    return event(txId, block, "regnet.referral.submitted", payload);
  }

  private static ChaincodeEvent event(String txId, long block, String name, String payload) {
    return new ChaincodeEvent() {
      public long getBlockNumber() {
        return block;
      }

      public String getTransactionId() {
        return txId;
      }

      public String getChaincodeName() {
        return "regnet";
      }

      public String getEventName() {
        return name;
      }

      public byte[] getPayload() {
        return payload.getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  @Test
  void an_unstorable_event_is_quarantined_once_and_the_follower_moves_on(@TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      EventFollower follower =
          new EventFollower(null, "regnet", inbox, new InboxFilter("AlpineFMAMSP"));
      // An object id far over its column: this event can never be filed as it is.
      String bad = "{\"objectId\":\"" + "R".repeat(5000) + "\"}";
      follower.handle(event("tx1", 5, bad));
      follower.handle(event("tx1", 5, bad)); // replayed after a restart: still one
      follower.handle(event("tx2", 6, "{\"objectId\":\"REF-2\"}"));

      assertThat(inbox.quarantined()).isEqualTo(1);
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(6, "tx2"));
      assertThat(follower.lastBlock()).isEqualTo(6);
    }
  }

  private static final String PAIR_AH =
      "{\"event\":\"regnet.pair.updated\",\"parties\":[\"AlpineFMAMSP\",\"HarbourMSP\"]}";

  @Test
  void a_pair_event_of_its_own_pair_is_filed_with_the_details_read_from_its_own_peer_once(
      @TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      List<String> asked = new ArrayList<>();
      EventFollower follower =
          new EventFollower(
              null,
              "regnet",
              inbox,
              new InboxFilter("AlpineFMAMSP"),
              oneByOne(
                  (tx, counterparty) -> {
                    asked.add(tx + "/" + counterparty);
                    return "{\"event\":\"regnet.referral.acknowledged\",\"objectId\":\"REF-1\","
                        + "\"parties\":[\"AlpineFMAMSP\",\"HarbourMSP\"],\"actor\":\"HarbourMSP\"}";
                  }));
      follower.handle(event("tx1", 5, "regnet.pair.updated", PAIR_AH));
      follower.handle(event("tx1", 5, "regnet.pair.updated", PAIR_AH)); // replayed: filed once

      List<InboxItem> items = inbox.after(0, 10);
      assertThat(items).hasSize(1);
      assertThat(items.get(0).event()).isEqualTo("regnet.referral.acknowledged");
      assertThat(items.get(0).objectId()).isEqualTo("REF-1");
      assertThat(asked).first().isEqualTo("tx1/HarbourMSP");
    }
  }

  @Test
  void another_pairs_event_is_never_resolved_nor_filed_as_relevant(@TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      EventFollower follower =
          new EventFollower(
              null,
              "regnet",
              inbox,
              new InboxFilter("LagoonMSP"),
              oneByOne(
                  (tx, counterparty) -> {
                    throw new AssertionError("asked for another pair's details");
                  }));
      follower.handle(event("tx1", 5, "regnet.pair.updated", PAIR_AH));

      assertThat(inbox.after(0, 10)).isEmpty();
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(5, "tx1"));
    }
  }

  @Test
  void details_the_peer_cannot_give_now_stop_the_follower_before_the_checkpoint_moves(
      @TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      Checkpoint before = inbox.checkpoint();
      EventFollower follower =
          new EventFollower(
              null,
              "regnet",
              inbox,
              new InboxFilter("AlpineFMAMSP"),
              oneByOne(
                  (tx, counterparty) -> {
                    throw new IllegalStateException("peer unavailable");
                  }));

      assertThatThrownBy(() -> follower.handle(event("tx1", 5, "regnet.pair.updated", PAIR_AH)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(inbox.checkpoint()).isEqualTo(before);
    }
  }

  private static final String REFERRAL_TO_ALPINE =
      "{\"event\":\"regnet.referral.submitted\",\"objectId\":\"REF-%s\","
          + "\"parties\":[\"HarbourMSP\",\"AlpineFMAMSP\"],\"actor\":\"HarbourMSP\"}";

  @Test
  void a_blocks_events_are_filed_with_the_checkpoint_and_a_replay_of_the_block_adds_nothing(
      @TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      EventFollower follower =
          new EventFollower(null, "regnet", inbox, new InboxFilter("AlpineFMAMSP"));
      List<ChaincodeEvent> block =
          List.of(
              event("tx1", 7, REFERRAL_TO_ALPINE.formatted(1)),
              event("tx2", 7, "regnet.treaty.founded", "{\"event\":\"regnet.treaty.founded\"}"),
              event("tx3", 7, REFERRAL_TO_ALPINE.formatted(3)));
      follower.fileBlock(block);
      follower.fileBlock(block); // the block replayed after a crash

      assertThat(inbox.after(0, 10))
          .extracting(InboxItem::objectId)
          .containsExactly("REF-1", null, "REF-3");
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(7, "tx3"));
      assertThat(follower.lastBlock()).isEqualTo(7);
    }
  }

  @Test
  void a_block_that_fails_midway_commits_none_of_its_events_and_its_replay_files_each_once(
      @TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      follow(inbox, "tx0", 6); // an earlier block, filed
      boolean[] peerUp = {false};
      EventFollower follower =
          new EventFollower(
              null,
              "regnet",
              inbox,
              new InboxFilter("AlpineFMAMSP"),
              oneByOne(
                  (tx, counterparty) -> {
                    if (!peerUp[0]) {
                      throw new IllegalStateException("peer unavailable");
                    }
                    return REFERRAL_TO_ALPINE.formatted(2);
                  }));
      List<ChaincodeEvent> block =
          List.of(
              event("tx1", 7, REFERRAL_TO_ALPINE.formatted(1)),
              event("tx2", 7, "regnet.pair.updated", PAIR_AH),
              event("tx3", 7, REFERRAL_TO_ALPINE.formatted(3)));

      assertThatThrownBy(() -> follower.fileBlock(block)).isInstanceOf(IllegalStateException.class);
      assertThat(inbox.after(0, 10)).extracting(InboxItem::txId).containsExactly("tx0");
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(6, "tx0"));

      peerUp[0] = true;
      follower.fileBlock(block);
      assertThat(inbox.after(0, 10))
          .extracting(InboxItem::txId)
          .containsExactly("tx0", "tx1", "tx2", "tx3");
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(7, "tx3"));
    }
  }

  @Test
  void an_unstorable_event_in_a_block_is_quarantined_and_the_rest_of_the_block_filed(
      @TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      EventFollower follower =
          new EventFollower(null, "regnet", inbox, new InboxFilter("AlpineFMAMSP"));
      String bad = REFERRAL_TO_ALPINE.formatted("R".repeat(5000));
      List<ChaincodeEvent> block =
          List.of(
              event("tx1", 7, REFERRAL_TO_ALPINE.formatted(1)),
              event("tx2", 7, bad),
              event("tx3", 7, REFERRAL_TO_ALPINE.formatted(3)));
      follower.fileBlock(block);
      follower.fileBlock(block);

      assertThat(inbox.quarantined()).isEqualTo(1);
      assertThat(inbox.after(0, 10))
          .extracting(InboxItem::objectId)
          .containsExactly("REF-1", "REF-3");
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(7, "tx3"));
    }
  }

  @Test
  void arrivals_are_cut_into_blocks_where_the_block_or_the_stream_changes() {
    List<EventFollower.Arrival> arrived =
        List.of(
            new EventFollower.Arrival(1, event("a", 5, "{}")),
            new EventFollower.Arrival(1, event("b", 5, "{}")),
            new EventFollower.Arrival(1, event("c", 6, "{}")),
            new EventFollower.Arrival(2, event("c", 6, "{}")),
            new EventFollower.Arrival(2, event("d", 6, "{}")));

    assertThat(EventFollower.blocks(arrived))
        .extracting(run -> run.stream().map(a -> a.event().getTransactionId()).toList())
        .containsExactly(List.of("a", "b"), List.of("c"), List.of("c", "d"));
    assertThat(EventFollower.blocks(List.of())).isEmpty();
  }

  @Test
  void a_blocks_pair_events_are_resolved_in_one_ask_per_counterparty(@TempDir Path dir) {
    try (Database db = new Database(dir, "a-node-secret-long-enough-0123456789")) {
      InboxStore inbox = new InboxStore(db);
      List<String> asks = new ArrayList<>();
      EventFollower follower =
          new EventFollower(
              null,
              "regnet",
              inbox,
              new InboxFilter("AlpineFMAMSP"),
              (counterparty, txIds) -> {
                asks.add(counterparty + ":" + String.join(",", txIds));
                Map<String, String> found = new HashMap<>();
                for (String tx : txIds) {
                  if (!tx.equals("tx3")) { // tx3: the peer has no such event
                    found.put(tx, REFERRAL_TO_ALPINE.formatted(tx));
                  }
                }
                return found;
              });
      String pairAl =
          "{\"event\":\"regnet.pair.updated\",\"parties\":[\"AlpineFMAMSP\",\"LagoonMSP\"]}";
      follower.fileBlock(
          List.of(
              event("tx1", 8, "regnet.pair.updated", PAIR_AH),
              event("tx2", 8, "regnet.pair.updated", pairAl),
              event("tx3", 8, "regnet.pair.updated", PAIR_AH),
              event("tx4", 8, REFERRAL_TO_ALPINE.formatted(4)),
              event("tx5", 8, "regnet.pair.updated", PAIR_AH)));

      assertThat(asks).containsExactly("HarbourMSP:tx1,tx3,tx5", "LagoonMSP:tx2");
      assertThat(inbox.after(0, 10))
          .extracting(InboxItem::objectId)
          .containsExactly("REF-tx1", "REF-tx2", "REF-4", "REF-tx5");
      assertThat(inbox.quarantined()).isEqualTo(1);
      assertThat(inbox.checkpoint()).isEqualTo(new Checkpoint(8, "tx5"));
    }
  }

  /** Pair details asked event by event, as the tests' peers answer them. */
  private static EventFollower.PairDetails oneByOne(BiFunction<String, String, String> ask) {
    return (counterparty, txIds) -> {
      Map<String, String> found = new HashMap<>();
      txIds.forEach(tx -> found.put(tx, ask.apply(tx, counterparty)));
      return found;
    };
  }

  private static void follow(InboxStore inbox, String txId, long block) {
    new EventFollower(null, "regnet", inbox, new InboxFilter("AlpineFMAMSP"))
        .handle(event(txId, block, REFERRAL_TO_ALPINE.formatted(0)));
  }
}
