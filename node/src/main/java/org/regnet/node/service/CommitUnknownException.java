package org.regnet.node.service;

/**
 * A transaction was submitted to the orderer but whether it committed is not known (the commit
 * status did not arrive in time). Not a failure: the client is told where to ask.
 */
public final class CommitUnknownException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String transactionId;

  public CommitUnknownException(String transactionId) {
    super("transaction " + transactionId + " submitted; its commit status is not known yet");
    this.transactionId = transactionId;
  }

  public String transactionId() {
    return transactionId;
  }
}
