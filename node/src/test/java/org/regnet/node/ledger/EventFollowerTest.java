package org.regnet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.service.InboxFilter;
import org.regnet.node.store.Checkpoint;
import org.regnet.node.store.Database;
import org.regnet.node.store.InboxStore;

/** An event the inbox cannot hold goes to the quarantine; the follower never stalls on it. */
class EventFollowerTest {

  private static ChaincodeEvent event(String txId, long block, String payload) {
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
        return "regnet.referral.submitted";
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
}
