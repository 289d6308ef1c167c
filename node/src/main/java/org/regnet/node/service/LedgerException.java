package org.regnet.node.service;

/** A ledger call failed; {@code code} is the chaincode's stable code or one of the node's own. */
public final class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public LedgerException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
