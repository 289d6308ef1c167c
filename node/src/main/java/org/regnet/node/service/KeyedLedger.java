package org.regnet.node.service;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger that adds the current request's scoped idempotency key ({@link IdempotencyScope}) to the
 * transient map of every submit: never recorded in a block, read by the chaincode only to derive a
 * new object's id.
 */
public final class KeyedLedger implements Ledger {
  /** The transient entry the chaincode reads. */
  public static final String TRANSIENT_KEY = "idempotencyKey";

  private final Ledger ledger;

  public KeyedLedger(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public String submit(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers) {
    Map<String, byte[]> t = transientData;
    // a use case that names the key itself (a flag shared again under its first key) keeps it
    if (IdempotencyScope.current().isPresent() && !transientData.containsKey(TRANSIENT_KEY)) {
      t = new HashMap<>(transientData);
      t.put(TRANSIENT_KEY, IdempotencyScope.current().get().getBytes(StandardCharsets.UTF_8));
    }
    return ledger.submit(username, tx, argument, t, endorsers);
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
  public java.util.OptionalLong blockNumber(String username, String txId) {
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
}
