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
 * The referral use cases that need more than one ledger call or private input: confidential content
 * goes only into the transient map, with a fresh random salt. The node names no endorsers for them:
 * the chaincode writes confidential content only to the pair's own collection, so the gateway's
 * discovery picks only the two parties' peers (a gateway never sends transient data to a peer
 * outside the collections written), and no third authority's peer ever sees it (decision 0013).
 */
public final class ReferralCases {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DELIVERY_ATTEMPTS = 5;
  private final Ledger ledger;
  private final String ownMsp;
  private final UsedAccesses used;

  public ReferralCases(Ledger ledger, String ownMsp, UsedAccesses used) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
    this.used = used;
  }

  /**
   * Submits a referral: {@code payload} is confidential, the rest public. The agreement is not read
   * first: the chaincode checks it and the caller's part in it, and the node names no endorsers (an
   * early {@code agreement:get} cost a signed proposal and an endorsement per referral:
   * docs/benchmarks.md, "Issue 12, third pass").
   */
  public JsonNode submit(String user, ObjectNode publicPart, JsonNode payload) {
    try {
      return read(
          ledger.submit(
              user, "referral:submit", publicPart.toString(), confidential(payload), List.of()));
    } catch (LedgerException e) {
      // A retry under the same idempotency key after the first attempt's answer was lost (the
      // node crashed, say): the chaincode derived the same id and found the referral. Answer it.
      String id =
          IdempotencyScope.current()
              .map(k -> IdempotencyScope.derivedId("REF", ownMsp, k))
              .orElse(null);
      if (id != null && e.code().equals("CONFLICT") && e.getMessage().contains(id)) {
        return get(user, id);
      }
      throw e;
    }
  }

  /** A life-cycle step carrying a confidential message (request or provide information). */
  public JsonNode exchange(String user, String tx, String referralId, JsonNode message) {
    JsonNode referral = get(user, referralId);
    return read(
        ledger.submit(
            user, tx, json(Map.of("referralId", referralId)), confidential(message), List.of()));
  }

  /**
   * Views a referral's payload: records the access on the ledger (discovery finds the endorsers its
   * policies need), then reads the payload from this authority's own peer, once: every view records
   * its own access, and the node marks each access used before its one fetch (the chaincode's fetch
   * is a query and cannot; it refuses an access that is superseded, expired by the peer's clock or
   * another certificate's). A crash between the mark and the fetch loses that access, never reuses
   * it.
   */
  public JsonNode view(String user, String referralId, String purpose) {
    get(user, referralId);
    JsonNode receipt =
        read(
            ledger.submit(
                user,
                "referral:readPayload",
                json(Map.of("referralId", referralId, "purpose", purpose)),
                Map.of(),
                List.of()));
    String accessId = receipt.path("accessId").asText();
    if (!used.markUsed(accessId)) {
      throw new LedgerException("INVALID_STATE", "accessId: this access was used already");
    }
    return read(
        ledger.evaluate(
            user,
            "referral:fetchPayload",
            json(Map.of("referralId", referralId, "accessId", accessId)),
            Map.of(),
            List.of()));
  }

  /**
   * Shares the payload onward to the third member a granted consent names, in two transactions:
   * {@code shareOnward} records the share on the referral (both parties' peers endorse, no
   * payload), then this authority reads the payload from its own peer (a recorded access) and hands
   * exactly that payload and salt to {@code deliverOnward}, which checks them against the public
   * hash and writes them into this authority's pair collection with the third member, endorsed by
   * those two peers only. The gateway's discovery picks the endorsers of both (decision 0013). A
   * repeated call after a recorded share only delivers again (same value).
   */
  public JsonNode shareOnward(String user, String referralId, String consentId) {
    JsonNode referral = get(user, referralId);
    String recipient = null;
    for (JsonNode c : referral.path("consents")) {
      if (c.path("consentId").asText().equals(consentId)) {
        recipient = c.path("recipient").asText();
      }
    }
    if (recipient == null) {
      throw new LedgerException("NOT_FOUND", "consentId: no such consent on this referral");
    }
    String ref = json(Map.of("referralId", referralId, "consentId", consentId));
    if (!sharedWith(referral, recipient)) {
      referral = read(ledger.submit(user, "referral:shareOnward", ref, Map.of(), List.of()));
    }
    String purpose = referral.path("purposes").path(0).asText();
    JsonNode view = view(user, referralId, purpose);
    // the record as this authority's peer holds it after the share: the third member's peer
    // cannot read the parties' collection, so the delivery carries it and the chaincode checks
    // it against the hash the parties recorded with the share (decision 0020)
    Map<String, byte[]> confidential =
        Map.of(
            "payload", view.path("payload").toString().getBytes(StandardCharsets.UTF_8),
            "salt", java.util.Base64.getDecoder().decode(view.path("salt").asText()),
            "record", get(user, referralId).toString().getBytes(StandardCharsets.UTF_8));
    // The third member's peer must have committed the recorded share before it can endorse the
    // delivery; it usually has, and otherwise does within a few blocks.
    LedgerException last = null;
    for (int attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
      try {
        return read(ledger.submit(user, "referral:deliverOnward", ref, confidential, List.of()));
      } catch (LedgerException e) {
        last = e;
        pause(attempt);
      }
    }
    throw last;
  }

  private static boolean sharedWith(JsonNode referral, String recipient) {
    for (JsonNode s : referral.path("onwardShares")) {
      if (s.path("recipient").asText().equals(recipient)) {
        return true;
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * (attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("INTERNAL", "interrupted");
    }
  }

  private JsonNode get(String user, String referralId) {
    return read(
        ledger.evaluate(
            user, "referral:get", json(Map.of("referralId", referralId)), Map.of(), List.of()));
  }

  /** The agreement party that is not this authority (an agreement has exactly two). */
  private String otherParty(JsonNode parties) {
    for (JsonNode p : parties) {
      if (!p.asText().equals(ownMsp)) {
        return p.asText();
      }
    }
    throw new LedgerException("INVALID_STATE", "agreementId: this authority is not party to it");
  }

  private static Map<String, byte[]> confidential(JsonNode content) {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return Map.of("payload", content.toString().getBytes(StandardCharsets.UTF_8), "salt", salt);
  }

  private static String json(Map<String, String> fields) {
    ObjectNode n = JSON.createObjectNode();
    fields.forEach(n::put);
    return n.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new LedgerException("INTERNAL", "unreadable ledger answer");
    }
  }
}
