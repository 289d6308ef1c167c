package org.regnet.systemtest.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.regnet.systemtest.support.NodeClient;

/** How often each referral's "submitted" event stands in a node's inbox. */
final class Inbox {
  private Inbox() {}

  /** Every referral.submitted event in the inbox, counted by referral id. */
  static Map<String, Integer> submittedCounts(NodeClient node, String token) {
    Map<String, Integer> seen = new HashMap<>();
    long after = 0;
    while (true) {
      JsonNode page =
          node.call("GET", "/v1/inbox?after=" + after + "&limit=500", null, token).body();
      if (!page.has("items") || page.get("items").isEmpty()) {
        return seen;
      }
      for (JsonNode item : page.get("items")) {
        if (item.get("event").asText().equals("regnet.referral.submitted")) {
          seen.merge(item.get("objectId").asText(), 1, Integer::sum);
        }
      }
      after = page.get("next").asLong();
    }
  }

  /** What a load's acknowledgements became in the receiver's inbox. */
  record Verdict(int acknowledged, int lost, int duplicated, Map<String, Integer> inbox) {}

  /**
   * Waits until the inbox holds every referral the load had acknowledged (at most 3 minutes), and
   * counts the lost (acknowledged, not there) and the duplicated (there more than once, or more new
   * referrals than requests acknowledged, however often a request was retried).
   */
  static Verdict verdict(
      NodeClient node, String token, Set<String> before, java.util.List<ReferralLoad.Ack> acks) {
    Map<String, Integer> inbox = awaitNew(node, token, before, acks.size());
    Set<String> ids = new java.util.HashSet<>();
    for (ReferralLoad.Ack a : acks) {
      if (a.referralId() != null) {
        ids.add(a.referralId());
      }
    }
    // Those answered 200 are known by id; those answered 202 (then COMMITTED) by count.
    int missingById = (int) ids.stream().filter(id -> !inbox.containsKey(id)).count();
    int lost = Math.max(missingById, acks.size() - inbox.size());
    int duplicated =
        Math.max(0, inbox.size() - acks.size())
            + inbox.values().stream().mapToInt(n -> n - 1).sum();
    return new Verdict(acks.size(), lost, duplicated, inbox);
  }

  /**
   * Polls until the inbox holds at least {@code expected} referrals not in {@code before} (or 3
   * minutes pass); returns the counts of those new referrals.
   */
  static Map<String, Integer> awaitNew(
      NodeClient node, String token, Set<String> before, int expected) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      Map<String, Integer> fresh = new HashMap<>(submittedCounts(node, token));
      fresh.keySet().removeAll(before);
      if (fresh.size() >= expected || System.nanoTime() > deadline) {
        return fresh;
      }
      ReferralLoad.sleep(1000);
    }
  }
}
