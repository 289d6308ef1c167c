package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Raising and looking up illicit-activity flags without the identifier ever leaving the node, and
 * with the flag held only by the peers of its treaty's members (decision 0021).
 *
 * <p>A flag is written once per other active member of the treaty, into the pair collection of this
 * authority and that member: one transaction each, with the same idempotency key, so that every
 * copy names the same flag and a copy already written is left alone. A fan-out that did not reach
 * every member fails with {@code UNAVAILABLE} and is completed by sending the request again with
 * the same {@code Idempotency-Key}; a retraction fans out the same way. No transaction names its
 * endorsers: each writes one pair collection, whose policy tells the gateway's discovery to ask the
 * pair's two peers.
 */
public final class Flags {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Attempts per member copy before the fan-out reports the member as not reached. */
  static final int ATTEMPTS = 3;

  /** Ledger codes worth another attempt: the network or an orderer, not the request. */
  private static final Set<String> TRANSIENT_FAILURES =
      Set.of("UNAVAILABLE", "CONFLICT", "INVALID_STATE");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ledger ledger;
  private final String ownMsp;
  private final Function<String, Optional<String>> treatyKeys;

  public Flags(Ledger ledger, String ownMsp, Function<String, Optional<String>> treatyKeys) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
    this.treatyKeys = treatyKeys;
  }

  /**
   * Raises a flag; {@code request} holds the identifier, which is replaced by its lookup key.
   * Writes one copy for each other active member of the treaty and answers the flag as this
   * authority's own peer holds it, with the members it was shared with.
   */
  public JsonNode raise(String user, ObjectNode request) {
    ObjectNode arg = request.deepCopy();
    String key = key(arg);
    arg.remove("identifier");
    if (!"CHAIN_ADDRESS".equals(arg.path("subjectType").asText())) {
      arg.remove("chainId");
    }
    String treatyId = arg.path("treatyId").asText();
    String idempotencyKey = IdempotencyScope.current().orElseGet(Flags::freshKey);
    List<String> members = otherActiveMembers(user, treatyId);
    if (members.isEmpty()) {
      throw new LedgerException(
          "INVALID_STATE", "treatyId: the treaty has no other active member to share a flag with");
    }
    List<String> failed = fanOut(user, arg, members, key, idempotencyKey);
    String flagId = IdempotencyScope.derivedId("FLG", ownMsp, idempotencyKey);
    if (!failed.isEmpty()) {
      throw new LedgerException(
          "UNAVAILABLE",
          "flag "
              + flagId
              + " did not reach "
              + String.join(", ", failed)
              + "; send the request again with the same Idempotency-Key");
    }
    ObjectNode out = ownFlag(user, treatyId, key, flagId);
    ArrayNode shared = out.putArray("sharedWith");
    members.forEach(shared::add);
    return out;
  }

  /**
   * Writes this authority's live flag for every other active member of the treaty that has no copy
   * yet, such as a member admitted after the flag was raised: the own peer gives the flag with the
   * lookup and idempotency keys that wrote it ({@code flag:copy}), and the same fan-out as {@link
   * #raise} writes the same flag (same id) for each member; members with a copy are left alone.
   */
  public JsonNode share(String user, String flagId, String treatyId) {
    JsonNode copy =
        read(
            ledger.evaluate(
                user,
                "flag:copy",
                JSON.createObjectNode().put("treatyId", treatyId).put("flagId", flagId).toString(),
                Map.of(),
                List.of(ownMsp)));
    JsonNode flag = copy.path("flag");
    if (!"ACTIVE".equals(flag.path("status").asText())) {
      throw new LedgerException("INVALID_STATE", "flagId: flag is " + flag.path("status").asText());
    }
    ObjectNode request = JSON.createObjectNode();
    request.put("treatyId", treatyId);
    for (String field :
        List.of("subjectType", "chainId", "category", "confidence", "expiresAt", "evidenceRef")) {
      if (flag.hasNonNull(field)) {
        request.set(field, flag.get(field));
      }
    }
    List<String> members = otherActiveMembers(user, treatyId);
    List<String> failed =
        fanOut(
            user,
            request,
            members,
            copy.path("lookupKey").asText(),
            copy.path("idempotencyKey").asText());
    if (!failed.isEmpty()) {
      throw new LedgerException(
          "UNAVAILABLE",
          "flag " + flagId + " did not reach " + String.join(", ", failed) + "; send it again");
    }
    ObjectNode out = flag.deepCopy();
    ArrayNode shared = out.putArray("sharedWith");
    members.forEach(shared::add);
    return out;
  }

  /**
   * Retracts this authority's flag in every copy it shared under the treaty: one transaction per
   * member that holds one (a copy already retracted is left alone).
   */
  public JsonNode retract(String user, String flagId, String treatyId) {
    List<String> failed = new ArrayList<>();
    List<String> retracted = new ArrayList<>();
    for (String member : otherMembers(user, treatyId)) {
      ObjectNode ref = JSON.createObjectNode().put("flagId", flagId).put("member", member);
      Map<String, byte[]> hidden = Map.of("flag", ref.toString().getBytes(StandardCharsets.UTF_8));
      try {
        if (submitWithRetry(user, "flag:retract", hidden)) {
          retracted.add(member);
        } else {
          failed.add(member);
        }
      } catch (LedgerException e) {
        // a member the flag never reached (it joined later, or the raise did not get there)
        if (!e.code().equals("NOT_FOUND")) {
          throw e;
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new LedgerException(
          "UNAVAILABLE",
          "the retraction did not reach " + String.join(", ", failed) + "; send it again");
    }
    if (retracted.isEmpty()) {
      throw new LedgerException("NOT_FOUND", "flagId: no flag " + flagId + " under the treaty");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("flagId", flagId);
    out.put("treatyId", treatyId);
    out.put("status", "RETRACTED");
    ArrayNode in = out.putArray("retractedWith");
    retracted.forEach(in::add);
    return out;
  }

  /**
   * Is the identifier flagged under the treaty? Evaluated on this authority's own peer, which
   * answers with a handle per match from its pair collections; every match of another authority's
   * flag is then recorded by {@code flag:recordMatch}, a transaction that leaves an audit entry the
   * flag's originator sees (endorsed by the two authorities' peers, the only ones the lookup key is
   * sent to), after which the own peer shows this user the flag. A lookup that finds a match is
   * never silent.
   */
  public JsonNode lookup(String user, ObjectNode request) {
    String key = key(request);
    String treatyId = request.path("treatyId").asText();
    Map<String, byte[]> hidden = Map.of("lookupKey", key.getBytes(StandardCharsets.UTF_8));
    JsonNode found = evaluateLookup(user, treatyId, hidden);
    boolean recorded = false;
    for (JsonNode match : found.path("matches")) {
      String originator = match.path("originator").asText();
      if (originator.equals(ownMsp)) {
        continue;
      }
      ObjectNode ref =
          JSON.createObjectNode()
              .put("treatyId", treatyId)
              .put("flagId", match.path("flagId").asText())
              .put("originator", originator);
      Map<String, byte[]> withRef = new HashMap<>(hidden);
      withRef.put("flag", ref.toString().getBytes(StandardCharsets.UTF_8));
      ledger.submit(user, "flag:recordMatch", "{}", withRef, List.of());
      recorded = true;
    }
    JsonNode revealed = recorded ? evaluateLookup(user, treatyId, hidden) : found;
    ArrayNode flags = JSON.createArrayNode();
    for (JsonNode match : revealed.path("matches")) {
      if (match.hasNonNull("flag")) {
        flags.add(match.get("flag"));
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("treatyId", treatyId);
    out.put("flagged", !flags.isEmpty());
    out.set("flags", flags);
    return out;
  }

  private JsonNode evaluateLookup(String user, String treatyId, Map<String, byte[]> hidden) {
    ObjectNode arg = JSON.createObjectNode().put("treatyId", treatyId);
    // the own peer, by name: any other would see the queried hash before refusing
    return read(ledger.evaluate(user, "flag:lookup", arg.toString(), hidden, List.of(ownMsp)));
  }

  /** This authority's own flag, as its peer holds it (the originator sees its flags' details). */
  private ObjectNode ownFlag(String user, String treatyId, String key, String flagId) {
    JsonNode found =
        evaluateLookup(user, treatyId, Map.of("lookupKey", key.getBytes(StandardCharsets.UTF_8)));
    for (JsonNode match : found.path("matches")) {
      if (match.path("flagId").asText().equals(flagId) && match.hasNonNull("flag")) {
        return match.get("flag").deepCopy();
      }
    }
    // written, but already past its expiry or retracted: answer the id
    return JSON.createObjectNode().put("flagId", flagId).put("treatyId", treatyId);
  }

  /** One {@code flag:raise} per member; returns the members not reached. */
  private List<String> fanOut(
      String user, ObjectNode request, List<String> members, String key, String idempotencyKey) {
    List<String> failed = new ArrayList<>();
    for (String member : members) {
      ObjectNode copy = request.deepCopy().put("member", member);
      Map<String, byte[]> hidden = new HashMap<>();
      hidden.put("flag", copy.toString().getBytes(StandardCharsets.UTF_8));
      hidden.put("lookupKey", key.getBytes(StandardCharsets.UTF_8));
      hidden.put(KeyedLedger.TRANSIENT_KEY, idempotencyKey.getBytes(StandardCharsets.UTF_8));
      if (!submitWithRetry(user, "flag:raise", hidden)) {
        failed.add(member);
      }
    }
    return failed;
  }

  /** One copy's transaction, tried again on failures of the network or an orderer. */
  private boolean submitWithRetry(String user, String tx, Map<String, byte[]> hidden) {
    for (int attempt = 1; ; attempt++) {
      try {
        ledger.submit(user, tx, "{}", hidden, List.of());
        return true;
      } catch (LedgerException e) {
        if (!TRANSIENT_FAILURES.contains(e.code())) {
          throw e;
        }
      } catch (CommitUnknownException e) {
        // it may have committed: the next attempt then finds the copy and writes nothing
      }
      if (attempt >= ATTEMPTS) {
        return false;
      }
    }
  }

  private List<String> otherActiveMembers(String user, String treatyId) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : treaty(user, treatyId).path("members")) {
      String msp = m.path("msp").asText();
      if (!msp.equals(ownMsp) && "ACTIVE".equals(m.path("status").asText())) {
        out.add(msp);
      }
    }
    return out;
  }

  private List<String> otherMembers(String user, String treatyId) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : treaty(user, treatyId).path("members")) {
      String msp = m.path("msp").asText();
      if (!msp.equals(ownMsp)) {
        out.add(msp);
      }
    }
    return out;
  }

  private JsonNode treaty(String user, String treatyId) {
    ObjectNode arg = JSON.createObjectNode().put("treatyId", treatyId);
    return read(ledger.evaluate(user, "treaty:get", arg.toString(), Map.of(), List.of()));
  }

  private static String freshKey() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
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
