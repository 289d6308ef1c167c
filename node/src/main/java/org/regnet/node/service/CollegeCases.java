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
  private final String ownMsp;

  public CollegeCases(Ledger ledger, String ownMsp) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
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
    List<String> members = members(get(user, request.path("collegeId").asText()));
    return read(ledger.submit(user, "college:share", request.toString(), Map.of(), members));
  }

  /** Closes the college to new information (every member's peer endorses). */
  public JsonNode close(String user, String collegeId) {
    List<String> members = members(get(user, collegeId));
    String ref = JSON.createObjectNode().put("collegeId", collegeId).toString();
    return read(ledger.submit(user, "college:close", ref, Map.of(), members));
  }

  /**
   * Purges the college from each of this authority's pairs with the other members, one transaction
   * per pair endorsed by the pair's two peers (decision 0035). A pair already purged (CONFLICT)
   * counts as done, so a purge cut short is completed by asking again; a refusal of the first pair
   * (retention still running) changes nothing.
   */
  public JsonNode purge(String user, String collegeId) {
    JsonNode college = get(user, collegeId);
    for (String other : members(college)) {
      if (other.equals(ownMsp)) {
        continue;
      }
      String ref =
          JSON.createObjectNode().put("collegeId", collegeId).put("counterparty", other).toString();
      try {
        college = read(ledger.submit(user, "college:purge", ref, Map.of(), List.of(ownMsp, other)));
      } catch (LedgerException e) {
        if (!e.code().equals("CONFLICT")) {
          throw e;
        }
      }
    }
    // each purge answers the college read back after it; with none to do, the first read stands
    return college;
  }

  private static List<String> members(JsonNode college) {
    List<String> members = new ArrayList<>();
    college.path("college").path("members").forEach(m -> members.add(m.asText()));
    return members;
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
