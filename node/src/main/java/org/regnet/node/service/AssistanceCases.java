package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * The request-for-assistance use cases that carry confidential content: the content goes only in
 * the transient map, with a fresh random salt. The node names no endorsers (decision 0013): the
 * content is written to the pair's collection, so the gateway sends the proposal only to the two
 * parties' peers; reads of the content run on this authority's own peer.
 */
public final class AssistanceCases {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ledger ledger;
  private final String ownMsp;

  public AssistanceCases(Ledger ledger, String ownMsp) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
  }

  /**
   * Submits a request: {@code payload} is sealed into the pair's collection; the public part (the
   * record's facts) is confidential too, since {@link ConfidentialLedger} moves it into the
   * transient map (decision 0029).
   */
  public JsonNode submit(String user, ObjectNode publicPart, JsonNode payload) {
    return create(user, "assistance:submit", publicPart, payload);
  }

  /**
   * Offers unsolicited information (decision 0031): {@code payload} (the information, the message,
   * evidence digests, documents) is sealed into the pair's collection as a request's content is.
   */
  public JsonNode offer(String user, ObjectNode publicPart, JsonNode payload) {
    return create(user, "assistance:offer", publicPart, payload);
  }

  private JsonNode create(String user, String tx, ObjectNode publicPart, JsonNode payload) {
    try {
      return read(ledger.submit(user, tx, publicPart.toString(), confidential(payload), List.of()));
    } catch (LedgerException e) {
      // a retry under the same idempotency key whose first answer was lost meets the request the
      // first attempt made (decision 0007): answer it
      String id =
          IdempotencyScope.current()
              .map(k -> IdempotencyScope.derivedId("RFA", ownMsp, k))
              .orElse(null);
      if (id != null && e.code().equals("CONFLICT") && e.getMessage().contains(id)) {
        return read(
            ledger.evaluate(
                user,
                "assistance:get",
                JSON.createObjectNode().put("requestId", id).toString(),
                Map.of(),
                List.of()));
      }
      throw e;
    }
  }

  /**
   * A step of the reply leg with confidential content ({@code tx} one of contestUrgency,
   * reportProgress, reestimate, reply, noticeDisclosure): {@code publicPart} names the request.
   */
  public JsonNode step(String user, String tx, ObjectNode publicPart, JsonNode content) {
    return read(ledger.submit(user, tx, publicPart.toString(), confidential(content), List.of()));
  }

  /** The request with its content, read from this authority's own peer. */
  public JsonNode content(String user, String requestId) {
    return read(
        ledger.evaluate(
            user,
            "assistance:content",
            JSON.createObjectNode().put("requestId", requestId).toString(),
            Map.of(),
            List.of()));
  }

  /** Cooperation statistics of this authority, for one counterparty or all. */
  public JsonNode statistics(String user, String counterparty) {
    ObjectNode arg = JSON.createObjectNode();
    if (counterparty != null) {
      arg.put("counterparty", counterparty);
    }
    return read(
        ledger.evaluate(user, "assistance:statistics", arg.toString(), Map.of(), List.of()));
  }

  private static Map<String, byte[]> confidential(JsonNode content) {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return Map.of("payload", content.toString().getBytes(StandardCharsets.UTF_8), "salt", salt);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new LedgerException("INTERNAL", "unreadable ledger answer");
    }
  }
}
