package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.regnet.node.store.CaseworkStore;

/**
 * Searches a user's referral inbox or outbox: reads the chaincode's pages (what the user may see,
 * decided on chain), filters them by status, typology, counterparty, creation window, overdue,
 * assignee and unread, and adds this authority's own case work (assignee, read state, overdue). The
 * chaincode has no secondary indexes for these filters; a regulator's case load is small enough to
 * filter on the node, and the scan is capped at {@link #MAX_SCANNED} referrals.
 */
public final class ReferralSearch {
  static final int MAX_SCANNED = 2000;
  private static final int PAGE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL = Set.of("CLOSED", "DECLINED");

  private final Ledger ledger;
  private final CaseworkStore casework;
  private final String ownMsp;

  public ReferralSearch(Ledger ledger, CaseworkStore casework, String ownMsp) {
    this.ledger = ledger;
    this.casework = casework;
    this.ownMsp = ownMsp;
  }

  /** What to look for; null fields do not filter. */
  public record Filter(
      String box,
      Set<String> statuses,
      String typology,
      String counterparty,
      Instant createdFrom,
      Instant createdTo,
      boolean overdueOnly,
      String assignee,
      boolean unreadOnly) {
    public Filter {
      Objects.requireNonNull(box, "box");
      statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
  }

  /** Open and past its response deadline. */
  public static boolean overdue(JsonNode referral, Instant now) {
    String due = referral.path("responseDueAt").asText("");
    return !due.isEmpty()
        && !FINAL.contains(referral.path("status").asText())
        && Instant.parse(due).isBefore(now);
  }

  /** The matching referrals, newest first, and how many of the box are unread by the user. */
  public ObjectNode search(String username, Filter f, Instant now) {
    List<JsonNode> all = scan(username, f.box());
    List<String> ids = all.stream().map(r -> r.path("referralId").asText()).toList();
    Map<String, CaseworkStore.Assignment> assigned = casework.assignments(ids);
    Set<String> read = casework.read(username, ids);
    ArrayNode items = JSON.createArrayNode();
    int unread = 0;
    for (JsonNode r : all) {
      String id = r.path("referralId").asText();
      boolean isUnread = !read.contains(id);
      if (isUnread) {
        unread++;
      }
      boolean late = overdue(r, now);
      CaseworkStore.Assignment a = assigned.get(id);
      if (!matches(r, f, late, a, isUnread)) {
        continue;
      }
      ObjectNode item = (ObjectNode) r.deepCopy();
      item.remove(List.of("exchanges", "consents", "onwardShares"));
      item.put("counterparty", counterparty(r));
      item.put("overdue", late);
      item.put("unread", isUnread);
      if (a != null) {
        item.put("assignee", a.assignee());
      } else {
        item.putNull("assignee");
      }
      items.add(item);
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("items", items);
    out.put("count", items.size());
    out.put("unread", unread);
    out.put("truncated", all.size() >= MAX_SCANNED);
    return out;
  }

  private boolean matches(
      JsonNode r, Filter f, boolean late, CaseworkStore.Assignment a, boolean isUnread) {
    if (!f.statuses().isEmpty() && !f.statuses().contains(r.path("status").asText())) {
      return false;
    }
    if (f.typology() != null && !f.typology().equals(r.path("typology").asText())) {
      return false;
    }
    if (f.counterparty() != null && !f.counterparty().equals(counterparty(r))) {
      return false;
    }
    Instant created = Instant.parse(r.path("createdAt").asText());
    if (f.createdFrom() != null && created.isBefore(f.createdFrom())) {
      return false;
    }
    if (f.createdTo() != null && !created.isBefore(f.createdTo())) {
      return false;
    }
    if (f.overdueOnly() && !late) {
      return false;
    }
    if (f.assignee() != null && (a == null || !a.assignee().equals(f.assignee()))) {
      return false;
    }
    return !f.unreadOnly() || isUnread;
  }

  private String counterparty(JsonNode r) {
    String originator = r.path("originator").asText();
    return originator.equals(ownMsp) ? r.path("recipient").asText() : originator;
  }

  private List<JsonNode> scan(String username, String box) {
    String tx = box.equals("outbox") ? "referral:listOutbox" : "referral:listInbox";
    List<JsonNode> out = new ArrayList<>();
    String bookmark = "";
    do {
      ObjectNode arg = JSON.createObjectNode().put("pageSize", PAGE);
      if (!bookmark.isEmpty()) {
        arg.put("bookmark", bookmark);
      }
      JsonNode page = read(ledger.evaluate(username, tx, arg.toString(), Map.of(), List.of()));
      page.path("items").forEach(out::add);
      bookmark = page.path("items").size() < PAGE ? "" : page.path("bookmark").asText("");
    } while (!bookmark.isEmpty() && out.size() < MAX_SCANNED);
    out.sort((x, y) -> y.path("createdAt").asText().compareTo(x.path("createdAt").asText()));
    return out;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
