package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The college use cases (decision 0035). A college's writes go to the pair collections of the
 * writer with every other member, so each member's peer must endorse; the node names them. It must:
 * the gateway refuses to choose endorsers by itself for private writes that would send the
 * transient request to a peer outside one of the collections written, and a college's proposal
 * goes, by design, to members outside some of its pairs.
 */
public final class CollegeCases {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ledger ledger;

  public CollegeCases(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Forms a college with {@code request.members}; the answer is the college as read back. */
  public JsonNode form(String user, ObjectNode request) {
    List<String> members = new ArrayList<>();
    request.path("members").forEach(m -> members.add(m.asText()));
    if (members.isEmpty()) {
      throw new LedgerException("VALIDATION_FAILED", "members: must not be empty");
    }
    return read(ledger.submit(user, "college:form", request.toString(), Map.of(), members));
  }

  /**
   * Shares information with every other member of the college; the members are read from this
   * authority's own peer first (a non-member is refused there, before any proposal leaves).
   */
  public JsonNode share(String user, ObjectNode request) {
    JsonNode college = get(user, request.path("collegeId").asText());
    List<String> members = new ArrayList<>();
    college.path("college").path("members").forEach(m -> members.add(m.asText()));
    return read(ledger.submit(user, "college:share", request.toString(), Map.of(), members));
  }

  private JsonNode get(String user, String collegeId) {
    return read(
        ledger.evaluate(
            user,
            "college:get",
            JSON.createObjectNode().put("collegeId", collegeId).toString(),
            Map.of(),
            List.of()));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new LedgerException("INTERNAL", "unreadable ledger answer");
    }
  }
}
