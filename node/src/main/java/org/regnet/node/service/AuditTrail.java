package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The audit trail as evidence: the chaincode's entries (what the caller may see, decided on chain)
 * by object, actor or time window, each with the number of the block that holds its transaction,
 * page by page or all at once for export.
 */
public final class AuditTrail {
  /** At most this many entries go into one export. */
  public static final int MAX_EXPORT = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ledger ledger;

  public AuditTrail(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * What to list: by {@code objectId} if given (then {@code from}/{@code to} filter the entries),
   * else by {@code actorMsp} (with an optional window), else by the window {@code from}..{@code
   * to}.
   */
  public record Query(String objectId, String actorMsp, String from, String to) {}

  /** One page: {@code {items, count, bookmark}}, each item with its {@code blockNumber}. */
  public ObjectNode page(String username, Query q, int pageSize, String bookmark) {
    ObjectNode page =
        (ObjectNode)
            read(ledger.evaluate(username, tx(q), arg(q, pageSize, bookmark), Map.of(), List.of()));
    ArrayNode items = JSON.createArrayNode();
    for (JsonNode e : page.path("items")) {
      if (inWindow(q, e)) {
        items.add(withBlock(username, (ObjectNode) e));
      }
    }
    page.put("scanned", page.path("items").size());
    page.set("items", items);
    page.put("count", items.size());
    return page;
  }

  /**
   * Every entry of the query, oldest first as the chaincode lists them, up to {@link #MAX_EXPORT}.
   */
  public List<JsonNode> all(String username, Query q) {
    java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
    String bookmark = "";
    do {
      ObjectNode page = page(username, q, 100, bookmark);
      page.path("items").forEach(out::add);
      String next = page.path("bookmark").asText("");
      // A short page is the last one, whatever bookmark comes with it.
      bookmark = page.path("scanned").asInt() < 100 || next.equals(bookmark) ? "" : next;
    } while (!bookmark.isEmpty() && out.size() < MAX_EXPORT);
    return out.size() > MAX_EXPORT ? out.subList(0, MAX_EXPORT) : out;
  }

  private ObjectNode withBlock(String username, ObjectNode e) {
    OptionalLong block = ledger.blockNumber(username, e.path("txId").asText());
    if (block.isPresent()) {
      e.put("blockNumber", block.getAsLong());
    } else {
      e.putNull("blockNumber");
    }
    return e;
  }

  private static boolean inWindow(Query q, JsonNode e) {
    if (q.objectId() == null) {
      return true;
    }
    String t = e.path("timestamp").asText();
    return (q.from() == null || t.compareTo(q.from()) >= 0)
        && (q.to() == null || t.compareTo(q.to()) < 0);
  }

  private static String tx(Query q) {
    if (q.objectId() != null) {
      return "audit:byObject";
    }
    return q.actorMsp() != null ? "audit:byActor" : "audit:byTimeRange";
  }

  private static String arg(Query q, int pageSize, String bookmark) {
    ObjectNode a = JSON.createObjectNode().put("pageSize", pageSize);
    if (bookmark != null && !bookmark.isEmpty()) {
      a.put("bookmark", bookmark);
    }
    if (q.objectId() != null) {
      a.put("objectId", q.objectId());
      return a.toString();
    }
    if (q.actorMsp() != null) {
      a.put("actorMsp", q.actorMsp());
    }
    if (q.from() != null) {
      a.put("from", q.from());
    }
    if (q.to() != null) {
      a.put("to", q.to());
    }
    return a.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
