package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Raising and looking up illicit-activity flags without the identifier ever leaving the node. */
public final class Flags {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ledger ledger;
  private final String ownMsp;
  private final Function<String, Optional<String>> treatyKeys;

  public Flags(Ledger ledger, String ownMsp, Function<String, Optional<String>> treatyKeys) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
    this.treatyKeys = treatyKeys;
  }

  /** Raises a flag; {@code request} holds the identifier, which is replaced by its lookup key. */
  public JsonNode raise(String user, ObjectNode request) {
    ObjectNode arg = request.deepCopy();
    String key = key(arg);
    arg.remove("identifier");
    if (!"CHAIN_ADDRESS".equals(arg.path("subjectType").asText())) {
      arg.remove("chainId");
    }
    return read(
        ledger.submit(
            user,
            "flag:raise",
            arg.toString(),
            Map.of("lookupKey", key.getBytes(StandardCharsets.UTF_8)),
            List.of()));
  }

  /**
   * Is the identifier flagged under the treaty? Evaluated on this authority's own peer, which
   * answers only with a handle per match; every match is then revealed by {@code flag:recordMatch},
   * a transaction that leaves an audit entry the flag's originator can see, endorsed by this
   * authority's and the originator's peers (the only ones the lookup key is sent to, in the
   * transient map). Returns the flags, as before: a lookup that finds a match is never silent.
   */
  public JsonNode lookup(String user, ObjectNode request) {
    String key = key(request);
    String treatyId = request.path("treatyId").asText();
    Map<String, byte[]> hidden = Map.of("lookupKey", key.getBytes(StandardCharsets.UTF_8));
    ObjectNode arg = JSON.createObjectNode().put("treatyId", treatyId);
    JsonNode found =
        read(ledger.evaluate(user, "flag:lookup", arg.toString(), hidden, List.of(ownMsp)));
    ArrayNode flags = JSON.createArrayNode();
    for (JsonNode match : found.path("matches")) {
      String originator = match.path("originator").asText();
      ObjectNode ref =
          JSON.createObjectNode()
              .put("treatyId", treatyId)
              .put("flagId", match.path("flagId").asText());
      // the chaincode policy needs two peers: with the own flag, the gateway picks the second
      List<String> endorsers = originator.equals(ownMsp) ? List.of() : List.of(ownMsp, originator);
      flags.add(
          read(ledger.submit(user, "flag:recordMatch", ref.toString(), hidden, endorsers))
              .path("flag"));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("treatyId", treatyId);
    out.put("flagged", !flags.isEmpty());
    out.set("flags", flags);
    return out;
  }

  private String key(ObjectNode request) {
    String treatyId = request.path("treatyId").asText();
    String treatyKey =
        treatyKeys
            .apply(treatyId)
            .orElseThrow(
                () ->
                    new LedgerException(
                        "VALIDATION_FAILED", "treatyId: this node holds no lookup key for it"));
    try {
      return FlagLookupKeys.lookupKey(
          treatyKey,
          request.path("subjectType").asText(),
          request.path("identifier").asText(),
          request.hasNonNull("chainId") ? request.get("chainId").asText() : null);
    } catch (IllegalArgumentException e) {
      throw new LedgerException("VALIDATION_FAILED", e.getMessage());
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new LedgerException("INTERNAL", "unreadable ledger answer");
    }
  }
}
