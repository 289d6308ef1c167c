package org.regnet.chaincode.testing;

import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.regnet.chaincode.state.PairStore;

/**
 * A treaty whose members say which memorandum they signed (Alpine and Harbour the EMMoU, Lagoon the
 * MMoU), with the MiCA Art. 95 ground and a 30-day retention; an Alpine-Harbour agreement; and
 * requests for assistance from Alpine to Harbour.
 */
public final class AssistanceFixture {

  public final Fixture f = new Fixture();
  public final TestNetwork net = f.net;
  public String agreementId;

  public static final String FOUNDING =
      """
      {"treatyId":"%s","name":"Crypto derivatives EMMoU",
       "terms":{"dataClasses":["TRADE_DATA","ORDER_BOOK_DATA","ON_CHAIN_ANALYTICS"],
           "permittedUses":["INVESTIGATION","ENFORCEMENT","MARKET_SURVEILLANCE"],
           "responseDeadlineDays":30,"retentionDays":30,
           "refusalGrounds":["PUBLIC_INTEREST","PREJUDICE_TO_OWN_INVESTIGATION"],
           "objectionWindowDays":7},
       "members":[{"msp":"%s","jurisdiction":"CH","signatory":"EMMOU"},
                  {"msp":"%s","jurisdiction":"SG","signatory":"EMMOU"},
                  {"msp":"%s","jurisdiction":"BR","signatory":"MMOU"}]}"""
          .formatted(TREATY, ALPINE, HARBOUR, LAGOON);

  public AssistanceFixture() {
    ok(net.submit(admin(ALPINE), "treaty:found", FOUNDING));
    agreementId = f.activeAgreement();
  }

  /** The public part of a request. */
  public String submitRequest(final String urgency) {
    return """
        {"agreementId":"%s","instrumentClass":"PERPETUAL_FUTURE","dataClasses":["TRADE_DATA"],
         "purposes":["INVESTIGATION"],"urgency":"%s"}"""
        .formatted(agreementId, urgency);
  }

  /** A private part asking for {@code types} (one item each). */
  public static String requestPayload(final String urgencyReasons, final String... types) {
    final StringBuilder items = new StringBuilder();
    for (int i = 0; i < types.length; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"")
          .append(types[i])
          .append("\",\"description\":\"Item ")
          .append(i + 1)
          .append("\"}");
    }
    return """
        {"items":[%s],
         "facts":"Layered spoof orders on BTC perpetuals between 02:00 and 03:00 UTC.",
         "purpose":"Establish who controlled the accounts placing the orders.",
         "provisionsBreached":["MAR Art. 12(1)(a)"],
         "subjects":[{"name":"Jane Trader","role":"account holder"}],
         "legalMandate":{"paragraph":"MMoU para 7(b)(ii)","disclaimer":"For enforcement only"},
         "confidential":true,
         "investigationPeriod":{"from":"2024-01-01","to":"2024-06-30"}%s}"""
        .formatted(
            items, urgencyReasons == null ? "" : ",\"urgencyReasons\":\"" + urgencyReasons + "\"");
  }

  /** Alpine asks Harbour for documents and bank records (ROUTINE); returns the request id. */
  public String submitted() {
    return submitted("ROUTINE", null, "DOCUMENTS", "BANK_RECORDS");
  }

  public String submitted(final String urgency, final String reasons, final String... types) {
    return ok(net.submit(
            officer(ALPINE),
            "assistance:submit",
            submitRequest(urgency),
            payload(requestPayload(reasons, types))))
        .json()
        .get("requestId")
        .asText();
  }

  public static String ref(final String id) {
    return "{\"requestId\":\"" + id + "\"}";
  }

  public static Map<String, byte[]> message(final String text) {
    return payload("{\"message\":\"" + text + "\"}");
  }

  public TestNetwork.Result acknowledge(final String id) {
    return net.submit(
        officer(HARBOUR),
        "assistance:acknowledge",
        "{\"requestId\":\"" + id + "\",\"estimatedReplyAt\":\"2025-03-20T00:00:00Z\"}");
  }

  public TestNetwork.Result reply(final String id, final boolean fin, final String items) {
    return net.submit(
        officer(HARBOUR),
        "assistance:reply",
        "{\"requestId\":\"%s\",\"finalReply\":%s,\"items\":%s}".formatted(id, fin, items),
        payload(
            """
            {"message":"Statements attached; item 2 is refused.",
             "documents":[{"documentId":"DOC-1","sha256":"%s","description":"bank statement"}]}"""
                .formatted("cd".repeat(32))));
  }

  /** The private key of one sealed part, as the store names it. */
  public static String privateKey(final String id, final String part, final int seq) {
    return new CompositeKey("rfa~private", id, part, String.format("%03d", seq)).toString();
  }

  /** A sealed part as the pair collection of Alpine and Harbour holds it (both peers). */
  public byte[] pairPrivate(final String key) {
    return net.ledger().privateData(PairStore.collection(ALPINE, HARBOUR), key);
  }

  /** The same key in a pair collection Lagoon is a member of. */
  public byte[] lagoonPrivate(final String with, final String key) {
    return net.ledger().privateData(PairStore.collection(LAGOON, with), key);
  }

  /**
   * The name of the last committed transaction's event as the pair's nodes file it: the public
   * event names only the pair ({@code regnet.pair.updated}); Harbour reads the details from the
   * pair's collection on its own peer ({@code referral:pairEvent}, decision 0029).
   */
  public String lastEvent() {
    final InMemoryLedger.Committed last =
        net.ledger().committed().get(net.ledger().committed().size() - 1);
    if (!"regnet.pair.updated".equals(last.eventName())) {
      return last.eventName();
    }
    return ok(net.evaluate(
            officer(HARBOUR),
            "referral:pairEvent",
            "{\"txId\":\"" + last.txId() + "\",\"counterparty\":\"" + ALPINE + "\"}",
            Map.of(),
            HARBOUR))
        .json()
        .get("event")
        .asText();
  }

  /** The request's record as the pair's collection holds it. */
  public byte[] record(final String id) {
    return pairPrivate(new CompositeKey("rfa", id).toString());
  }

  public static String utf8(final byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
