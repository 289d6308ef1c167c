package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A ledger that keeps a bilateral exchange's facts out of the blocks every member holds (issue 9,
 * item 2): referrals (decision 0020), requests for assistance (decision 0029) and colleges
 * (decision 0035). Such a transaction's request goes into the transient map, never the public
 * argument ({@code {}}); a new object's id derives from an idempotency key (the request's scoped
 * key, or a fresh random one), never from the public transaction id; and since a SUBMIT returns
 * nothing (its result is in the block), the answer is the record read back from this authority's
 * own peer once the transaction has committed.
 */
public final class ConfidentialLedger implements Ledger {
  /** The transient entries the chaincode reads. */
  public static final String REQUEST = "request";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A contract whose transactions are confidential: its id prefix, id field and read-back. */
  private record Area(String prefix, String idField, String get) {}

  private static final Map<String, Area> AREAS =
      Map.of(
          "referral", new Area("REF", "referralId", "referral:get"),
          "assistance", new Area("RFA", "requestId", "assistance:get"),
          "college", new Area("COL", "collegeId", "college:get"));

  private final Ledger ledger;
  private final String ownMsp;

  public ConfidentialLedger(Ledger ledger, String ownMsp) {
    this.ledger = ledger;
    this.ownMsp = ownMsp;
  }

  @Override
  public String submit(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers) {
    int colon = tx.indexOf(':');
    Area area = colon < 0 ? null : AREAS.get(tx.substring(0, colon));
    if (area == null) {
      return ledger.submit(username, tx, argument, transientData, endorsers);
    }
    // the transactions that create an object: a submission, unsolicited information (0031), a
    // college (0035); a college's shared item also takes its id from the key, the answer is the
    // college it was shared in
    boolean submit =
        tx.endsWith(":submit") || tx.equals("assistance:offer") || tx.equals("college:form");
    boolean keyed = submit || tx.equals("college:share");
    Map<String, byte[]> t = new HashMap<>(transientData);
    t.put(REQUEST, argument.getBytes(StandardCharsets.UTF_8));
    String key = IdempotencyScope.current().orElse(null);
    if (keyed && key == null) {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      key = HexFormat.of().formatHex(random);
      t.put(KeyedLedger.TRANSIENT_KEY, key.getBytes(StandardCharsets.UTF_8));
    }
    String result = ledger.submit(username, tx, "{}", t, endorsers);
    if (tx.equals("referral:readPayload")) {
      return result; // the receipt: the access id and its expiry, nothing about the referral
    }
    String id =
        submit
            ? IdempotencyScope.derivedId(area.prefix(), ownMsp, key)
            : read(argument).path(area.idField()).asText();
    String ref = JSON.createObjectNode().put(area.idField(), id).toString();
    return ledger.evaluate(username, area.get(), ref, Map.of(), List.of());
  }

  @Override
  public String evaluate(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers) {
    return ledger.evaluate(username, tx, argument, transientData, endorsers);
  }

  @Override
  public TransactionStatus status(String username, String transactionId) {
    return ledger.status(username, transactionId);
  }

  @Override
  public OptionalLong blockNumber(String username, String txId) {
    return ledger.blockNumber(username, txId);
  }

  @Override
  public void forget(String username) {
    ledger.forget(username);
  }

  @Override
  public byte[] channelConfig(String username) {
    return ledger.channelConfig(username);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new LedgerException("VALIDATION_FAILED", "request: not JSON");
    }
  }
}
