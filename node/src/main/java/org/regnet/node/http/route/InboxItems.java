package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Json;
import org.regnet.node.store.InboxItem;

/** Inbox items as JSON, and the {@code after} position parameter. */
final class InboxItems {
  private InboxItems() {}

  static ObjectNode json(InboxItem i) {
    ObjectNode n = Json.object();
    n.put("seq", i.seq());
    n.put("event", i.event());
    if (i.objectId() != null) {
      n.put("objectId", i.objectId());
    }
    if (i.treatyId() != null) {
      n.put("treatyId", i.treatyId());
    }
    n.put("txId", i.txId());
    n.put("block", i.block());
    n.set("detail", Json.parse(i.payload()));
    n.put("receivedAt", i.receivedAt().toString());
    return n;
  }

  static ArrayNode array(java.util.List<InboxItem> items) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    items.forEach(i -> a.add(json(i)));
    return a;
  }

  static long position(String value, String field) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ApiException("VALIDATION_FAILED", field, "must be a non-negative integer");
    }
  }
}
