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

  public String nowString() {
    return now().toString();
  }

  public String txId() {
    return getStub().getTxId();
  }

  /** An id for a new object: prefix + the first 16 hex characters of the transaction id. */
  public String newId(final String prefix) {
    return prefix + "-" + Keys.txPrefix(txId(), 16);
  }

  /** SHA-256 hex of the request argument bytes, for the audit trail. */
  public String requestHash() {
    final List<byte[]> args = getStub().getArgs();
    final byte[] arg = args.size() > 1 ? args.get(1) : "".getBytes(StandardCharsets.UTF_8);
    return Hashes.sha256Hex(arg);
  }
}
