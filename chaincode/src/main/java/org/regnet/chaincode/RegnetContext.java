package org.regnet.chaincode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Ledger;

/**
 * Per-transaction context: the caller (set by the access policy), the buffered ledger, the tx time.
 */
public final class RegnetContext extends Context {

  private final Ledger ledger;
  private Caller caller;
  private String transaction;

  public RegnetContext(final ChaincodeStub stub) {
    super(stub);
    this.ledger = new Ledger(stub);
  }

  public Ledger ledger() {
    return ledger;
  }

  /** The authorised caller; only available after {@code beforeTransaction}. */
  public Caller caller() {
    if (caller == null) {
      throw ErrorCode.ACCESS_DENIED.exception("creator", "caller not authorised");
    }
    return caller;
  }

  public void authorised(final String tx, final Caller c) {
    this.transaction = tx;
    this.caller = c;
  }

  /** Qualified transaction name, e.g. {@code referral:submit}. */
  public String transaction() {
    return transaction;
  }

  public Instant now() {
    final Instant t = getStub().getTxTimestamp();
    if (t == null) {
      throw ErrorCode.INTERNAL.exception("txTimestamp", "missing");
    }
    return t;
  }

  /**
   * The endorsing peer's clock; queries may read it, a transaction only to refuse, never to write
   * (see {@link PeerClock}): its endorsements must agree.
   */
  public Instant peerNow() {
    return PeerClock.of(getStub());
  }

  public String nowString() {
    return now().toString();
  }

  public String txId() {
    return getStub().getTxId();
  }

  /**
   * An id for a new object: prefix + 16 hex characters, of the transaction id, or, when the client
   * sent an idempotency key in the transient map, of SHA-256(caller MSP, 0, key). A retried
   * submission with the same key then names the same object, so it meets the first one (CONFLICT)
   * instead of creating a second; keys of different authorities never collide.
   */
  public String newId(final String prefix) {
    final java.util.Map<String, byte[]> t = getStub().getTransient();
    final byte[] key = t == null ? null : t.get(IDEMPOTENCY_KEY);
    if (key == null) {
      return prefix + "-" + Keys.txPrefix(txId(), 16);
    }
    if (key.length < 16 || key.length > 128) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient." + IDEMPOTENCY_KEY, "must be 16 to 128 bytes");
    }
    final String msp = caller().msp();
    return prefix
        + "-"
        + Hashes.sha256Hex(msp.getBytes(StandardCharsets.UTF_8), new byte[] {0}, key)
            .substring(0, 16);
  }

  /**
   * An id for a new confidential object: as {@link #newId}, but only from the client's idempotency
   * key, which never reaches the block. An id from the transaction id would be a substring of the
   * public block, so a call without a key is refused.
   */
  public String keyedId(final String prefix) {
    final java.util.Map<String, byte[]> t = getStub().getTransient();
    if (t == null || t.get(IDEMPOTENCY_KEY) == null) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient." + IDEMPOTENCY_KEY, "required: the new id derives from it");
    }
    return newId(prefix);
  }

  /** The transient entry carrying a client's idempotency key (never recorded in the block). */
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";

  /** SHA-256 hex of the request argument bytes, for the audit trail. */
  public String requestHash() {
    final List<byte[]> args = getStub().getArgs();
    final byte[] arg = args.size() > 1 ? args.get(1) : "".getBytes(StandardCharsets.UTF_8);
    return Hashes.sha256Hex(arg);
  }
}
