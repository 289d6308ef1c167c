package org.regnet.systemtest.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** Well-formed chaincode requests (docs/chaincode-api.md) for the integration tests. */
public final class Requests {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Requests() {}

  public static String foundTreaty(String treatyId, String[] msps, String[] jurisdictions) {
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < msps.length; i++) {
      members
          .append(i == 0 ? "" : ",")
          .append("{\"msp\":\"")
          .append(msps[i])
          .append("\",\"jurisdiction\":\"")
          .append(jurisdictions[i])
          .append("\"}");
    }
    return """
        {"treatyId":"%s","name":"Crypto derivatives MMoU (integration test)",
         "terms":{"dataClasses":["TRADE_DATA","ORDER_BOOK_DATA","ON_CHAIN_ANALYTICS"],
                  "permittedUses":["INVESTIGATION","ENFORCEMENT","MARKET_SURVEILLANCE"],
                  "responseDeadlineDays":30,"retentionDays":1825,
                  "refusalGrounds":["PUBLIC_INTEREST","VIOLATES_DOMESTIC_LAW"]},
         "members":[%s]}"""
        .formatted(treatyId, members);
  }

  public static String proposeAgreement(String treatyId, String counterparty) {
    return """
        {"treatyId":"%s","counterparty":"%s",
         "scope":{"dataClasses":["TRADE_DATA","ON_CHAIN_ANALYTICS"],"instrumentClasses":["FUTURE","CRYPTO_OPTION"],
                  "permittedUses":["INVESTIGATION","ENFORCEMENT"]},
         "validFrom":"2025-01-01T00:00:00Z","validUntil":"2035-01-01T00:00:00Z"}"""
        .formatted(treatyId, counterparty);
  }

  public static String submitReferral(String agreementId) {
    return """
        {"agreementId":"%s","typology":"SPOOFING","instrumentClass":"PERPETUAL_FUTURE",
         "dataClasses":["TRADE_DATA"],"purposes":["INVESTIGATION"]}"""
        .formatted(agreementId);
  }

  /** A complete MMoU-style payload whose facts and narrative carry {@code marker}. */
  public static String payload(String marker) {
    return """
        {"facts":"Layered spoof orders on BTC perpetuals, case %s.",
         "assistanceSought":"Account holder identity and order logs for the accounts below.",
         "provisionsBreached":["MAR Art. 12(1)(a)"],
         "urgency":"PRIORITY",
         "subjects":[{"name":"Jane Trader","role":"beneficial owner"}],
         "wallets":[{"chainId":"eip155:1","address":"0xAbC0000000000000000000000000000000000001"}],
         "narrative":"Narrative %s",
         "evidenceDigests":[{"algorithm":"SHA-256","digest":"%s","description":"order log"}],
         "instruments":[{"cfi":"FFICSX","underlying":{"symbol":"BTC"},"venue":{"mic":"XCME"}}]}"""
        .formatted(marker, marker, "ab".repeat(32));
  }

  public static Map<String, byte[]> confidential(String json) {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return Map.of("payload", json.getBytes(StandardCharsets.UTF_8), "salt", salt);
  }

  public static String message(String text) {
    return "{\"message\":\"" + text + "\"}";
  }

  public static String ref(String referralId) {
    return "{\"referralId\":\"" + referralId + "\"}";
  }

  public static String agreement(String agreementId) {
    return "{\"agreementId\":\"" + agreementId + "\"}";
  }

  /** A random marker long enough to survive compression only verbatim (see the leak scan). */
  public static String marker() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return "RGNTMARK" + HexFormat.of().formatHex(b);
  }

  /**
   * The transient map of one copy of a flag (decision 0021): the request for the pair of the
   * originator and {@code member}, the lookup key and the idempotency key that names the flag.
   */
  public static Map<String, byte[]> flagCopy(
      String treatyId,
      String member,
      String category,
      String evidenceRef,
      String lookupKey,
      String idempotencyKey) {
    String request =
        """
        {"treatyId":"%s","member":"%s","subjectType":"LEI","category":"%s",
         "confidence":"HIGH","expiresAt":"2099-01-01T00:00:00Z","evidenceRef":"%s"}"""
            .formatted(treatyId, member, category, evidenceRef);
    return Map.of(
        "flag", request.getBytes(StandardCharsets.UTF_8),
        "lookupKey", lookupKey.getBytes(StandardCharsets.UTF_8),
        "idempotencyKey", idempotencyKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The transient map of {@code flag:recordMatch}. */
  public static Map<String, byte[]> flagMatch(
      String treatyId, String flagId, String originator, String lookupKey) {
    return Map.of(
        "flag",
        "{\"treatyId\":\"%s\",\"flagId\":\"%s\",\"originator\":\"%s\"}"
            .formatted(treatyId, flagId, originator)
            .getBytes(StandardCharsets.UTF_8),
        "lookupKey",
        lookupKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The flag id the chaincode derives: "FLG-" + SHA-256(MSP id, 0, idempotency key), 16 hex. */
  public static String flagId(String msp, String idempotencyKey) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update(msp.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "FLG-" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
