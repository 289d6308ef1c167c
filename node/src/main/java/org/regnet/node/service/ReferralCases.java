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
 * goes only into the transient map, with a fresh random salt, and is endorsed only on the peers of
 * the two parties, so no third authority's peer ever sees it.
 */
public final class ReferralCases {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ledger ledger;
  private final String ownMsp;
  private final UsedAccesses used;

  public ReferralCases(Ledger ledger, String ownMsp, UsedAccesses used) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
    this.used = used;
  }

  /** Submits a referral: {@code payload} is confidential, the rest public. */
  public JsonNode submit(String user, ObjectNode publicPart, JsonNode payload) {
    String agreementId = publicPart.path("agreementId").asText();
    JsonNode agreement =
        read(
            ledger.evaluate(
                user,
                "agreement:get",
                json(Map.of("agreementId", agreementId)),
                Map.of(),
                List.of()));
    String counterparty = otherParty(agreement.path("parties"));
    try {
      return read(
          ledger.submit(
              user,
              "referral:submit",
              publicPart.toString(),
              confidential(payload),
              List.of(ownMsp, counterparty)));
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
            user,
            tx,
            json(Map.of("referralId", referralId)),
            confidential(message),
            parties(referral)));
  }

  /**
   * Views a referral's payload: records the access on the ledger (endorsed by both parties), then
   * reads the payload from this authority's own peer, once: every view records its own access, and
   * the node marks each access used before its one fetch (the chaincode's fetch is a query and
   * cannot; it refuses an access that is superseded, expired by the peer's clock or another
   * certificate's). A crash between the mark and the fetch loses that access, never reuses it.
   */
  public JsonNode view(String user, String referralId, String purpose) {
    JsonNode referral = get(user, referralId);
    // The access record needs two endorsements; an onward recipient pairs with the originator.
    List<String> endorsers =
        parties(referral).contains(ownMsp)
            ? parties(referral)
            : List.of(ownMsp, referral.path("originator").asText());
    JsonNode receipt =
        read(
            ledger.submit(
                user,
                "referral:readPayload",
                json(Map.of("referralId", referralId, "purpose", purpose)),
                Map.of(),
                endorsers));
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
            List.of(ownMsp)));
  }

  /**
   * Shares the payload onward to the third member a granted consent names: this authority reads it
   * from its own peer (a recorded access), then hands exactly that payload and salt to the
   * chaincode, which checks them against the public hash; only the two parties' and the onward
   * recipient's peers endorse (the referral's key-level policy needs both parties), so no other
   * authority sees it.
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
    String purpose = referral.path("purposes").path(0).asText();
    JsonNode view = view(user, referralId, purpose);
    Map<String, byte[]> confidential =
        Map.of(
            "payload", view.path("payload").toString().getBytes(StandardCharsets.UTF_8),
            "salt", java.util.Base64.getDecoder().decode(view.path("salt").asText()));
    return read(
        ledger.submit(
            user,
            "referral:shareOnward",
            json(Map.of("referralId", referralId, "consentId", consentId)),
            confidential,
            // the referral's key-level policy needs both parties; the third member's peer too
            List.of(referral.path("originator").asText(), ownMsp, recipient)));
  }

  private JsonNode get(String user, String referralId) {
    return read(
        ledger.evaluate(
            user, "referral:get", json(Map.of("referralId", referralId)), Map.of(), List.of()));
  }

  private List<String> parties(JsonNode referral) {
    return List.of(referral.path("originator").asText(), referral.path("recipient").asText());
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
