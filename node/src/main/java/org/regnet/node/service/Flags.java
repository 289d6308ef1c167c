package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
   * Is the identifier flagged under the treaty? Evaluated on this authority's own peer; leaves no
   * trace.
   */
  public JsonNode lookup(String user, ObjectNode request) {
    String key = key(request);
    ObjectNode arg = JSON.createObjectNode().put("treatyId", request.path("treatyId").asText());
    return read(
        ledger.evaluate(
            user,
            "flag:lookup",
            arg.toString(),
            Map.of("lookupKey", key.getBytes(StandardCharsets.UTF_8)),
            List.of()));
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
