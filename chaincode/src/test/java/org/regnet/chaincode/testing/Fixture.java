package org.regnet.chaincode.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Organisations, identities and common steps shared by the tests: Alpine (CH), Harbour (SG), Lagoon
 * (BR) and Delta (DE), each with its own CA and one identity per role.
 */
public final class Fixture {

  public static final String ALPINE = "AlpineMSP";
  public static final String HARBOUR = "HarbourMSP";
  public static final String LAGOON = "LagoonMSP";
  public static final String DELTA = "DeltaMSP";
  public static final String TREATY = "TRT-CRYPTO-MMOU";

  private static final Map<String, Map<String, Identity>> IDS = new HashMap<>();

  public final TestNetwork net = new TestNetwork();

  {
    // as the network tooling declares them in the chaincode definition (decision 0013)
    net.ledger().definePairCollections(java.util.List.of(ALPINE, HARBOUR, LAGOON, DELTA));
  }

  /**
   * The identity of {@code msp} with {@code role} ("none" for a certificate without the attribute).
   */
  public static synchronized Identity id(final String msp, final String role) {
    return IDS.computeIfAbsent(msp, m -> new HashMap<>())
        .computeIfAbsent(
            role,
            r -> {
              final TestCa ca = CAS.computeIfAbsent(msp, TestCa::forMsp);
              return ca.issue(
                  r.replace("-", "") + "." + msp.toLowerCase(), "none".equals(r) ? null : r);
            });
  }

  private static final Map<String, TestCa> CAS = new HashMap<>();

  /**
   * A second certificate for the same person as {@code id(msp, role)}: same CA, same subject DN and
   * role, its own key and serial, so its SHA-256 fingerprint differs.
   */
  public static synchronized Identity reissued(final String msp, final String role) {
    id(msp, role);
    return CAS.get(msp).issue(role.replace("-", "") + "." + msp.toLowerCase(), role);
  }

  public static Identity admin(final String msp) {
    return id(msp, "treaty-admin");
  }

  public static Identity officer(final String msp) {
    return id(msp, "case-officer");
  }

  public static Identity investigator(final String msp) {
    return id(msp, "investigator");
  }

  public static Identity auditor(final String msp) {
    return id(msp, "auditor");
  }

  public static String foundingRequest(final String... msps) {
    final StringBuilder members = new StringBuilder();
    final String[] jurisdictions = {"CH", "SG", "BR", "DE"};
    for (int i = 0; i < msps.length; i++) {
      members
          .append(i == 0 ? "" : ",")
          .append("{\"msp\":\"")
          .append(msps[i])
          .append("\",\"jurisdiction\":\"")
          .append(jurisdictions[i % 4])
          .append("\"}");
    }
    return """
        {"treatyId":"%s","name":"Crypto derivatives MMoU",
         "terms":{"dataClasses":["TRADE_DATA","ORDER_BOOK_DATA","ON_CHAIN_ANALYTICS"],
             "permittedUses":["INVESTIGATION","ENFORCEMENT","MARKET_SURVEILLANCE"],
             "responseDeadlineDays":30,"retentionDays":1825,
             "refusalGrounds":["PUBLIC_INTEREST","VIOLATES_DOMESTIC_LAW"]},
         "members":[%s]}"""
        .formatted(TREATY, members);
  }

  /** Founds the treaty with Alpine, Harbour and Lagoon. */
  public JsonNode foundTreaty() {
    return net.submit(admin(ALPINE), "treaty:found", foundingRequest(ALPINE, HARBOUR, LAGOON))
        .json();
  }

  public static String agreementRequest(final String counterparty) {
    return """
        {"treatyId":"%s","counterparty":"%s",
         "scope":{"dataClasses":["TRADE_DATA","ON_CHAIN_ANALYTICS"],"instrumentClasses":["FUTURE","CRYPTO_OPTION"],
             "permittedUses":["INVESTIGATION","ENFORCEMENT"]},
         "validFrom":"2025-01-01T00:00:00Z","validUntil":"2026-01-01T00:00:00Z"}"""
        .formatted(TREATY, counterparty);
  }

  /** An ACTIVE agreement Alpine-Harbour; returns its id. */
  public String activeAgreement() {
    final String id =
        net.submit(admin(ALPINE), "agreement:propose", agreementRequest(HARBOUR))
            .json()
            .get("agreementId")
            .asText();
    final TestNetwork.Result signed =
        net.submit(admin(HARBOUR), "agreement:sign", "{\"agreementId\":\"" + id + "\"}");
    if (!signed.ok()) {
      throw new AssertionError(signed.message());
    }
    return id;
  }

  public static final String PAYLOAD =
      """
      {"facts":"Layered spoof orders on BTC perpetuals between 02:00 and 03:00 UTC.",
       "assistanceSought":"Account holder identity and order logs for the accounts below.",
       "provisionsBreached":["MAR Art. 12(1)(a)","SFA s197"],
       "urgency":"PRIORITY",
       "subjects":[{"name":"Jane Trader","role":"beneficial owner"}],
       "accounts":[{"accountId":"ACC-77","venue":{"mic":"XCME"}}],
       "wallets":[{"chainId":"eip155:1","address":"0xAbC0000000000000000000000000000000000001"}],
       "narrative":"Line one\\nLine two",
       "evidenceDigests":[{"algorithm":"SHA-256","digest":"%s","description":"order log"}],
       "instruments":[{"cfi":"FFICSX","underlying":{"symbol":"BTC"},"venue":{"mic":"XCME"}}]}"""
          .formatted("ab".repeat(32));

  public static final byte[] SALT =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  public static Map<String, byte[]> payload(final String json) {
    return Map.of("payload", json.getBytes(StandardCharsets.UTF_8), "salt", SALT);
  }

  public static String submitRequest(final String agreementId) {
    return """
        {"agreementId":"%s","typology":"SPOOFING","instrumentClass":"PERPETUAL_FUTURE",
         "dataClasses":["TRADE_DATA"],"purposes":["INVESTIGATION"]}"""
        .formatted(agreementId);
  }

  /** A submitted referral Alpine -> Harbour; returns its id. */
  public String submittedReferral(final String agreementId) {
    final TestNetwork.Result r =
        net.submit(
            officer(ALPINE), "referral:submit", submitRequest(agreementId), payload(PAYLOAD));
    if (!r.ok()) {
      throw new AssertionError(r.message());
    }
    return r.json().get("referralId").asText();
  }

  public static String ref(final String referralId) {
    return "{\"referralId\":\"" + referralId + "\"}";
  }

  /** Moves a referral to UNDER_INVESTIGATION. */
  public void investigate(final String referralId) {
    ok(net.submit(officer(HARBOUR), "referral:acknowledge", ref(referralId)));
    ok(net.submit(investigator(HARBOUR), "referral:startInvestigation", ref(referralId)));
  }

  public static TestNetwork.Result ok(final TestNetwork.Result r) {
    if (!r.ok()) {
      throw new AssertionError("expected success: " + r.message());
    }
    return r;
  }
}
