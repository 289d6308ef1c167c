package org.regnet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
              (tx, counterparty) -> {
                asked.add(tx + "/" + counterparty);
                return "{\"event\":\"regnet.referral.acknowledged\",\"objectId\":\"REF-1\","
                    + "\"parties\":[\"AlpineFMAMSP\",\"HarbourMSP\"],\"actor\":\"HarbourMSP\"}";
              });
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
              (tx, counterparty) -> {
                throw new AssertionError("asked for another pair's details");
              });
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
              (tx, counterparty) -> {
                throw new IllegalStateException("peer unavailable");
              });

      assertThatThrownBy(() -> follower.handle(event("tx1", 5, "regnet.pair.updated", PAIR_AH)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(inbox.checkpoint()).isEqualTo(before);
    }
  }
}
