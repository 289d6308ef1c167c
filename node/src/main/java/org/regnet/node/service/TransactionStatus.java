package org.regnet.node.service;

/**
 * Where a submitted transaction stands: {@code COMMITTED}, {@code INVALID} (with Fabric's
 * validation code) or {@code PENDING} (not in a block this peer has).
 */
public record TransactionStatus(String transactionId, String status, String validationCode) {
  public static TransactionStatus pending(String transactionId) {
    return new TransactionStatus(transactionId, "PENDING", null);
  }
}
