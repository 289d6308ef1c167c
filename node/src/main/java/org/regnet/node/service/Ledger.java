package org.regnet.node.service;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The ledger as the use cases see it: named chaincode transactions run as a given user. Knows no
 * Fabric types, so use cases and routes can be tested without a network.
 */
public interface Ledger {
  /**
   * Endorses, orders and commits; returns the result JSON. The endorsers follow from the policies
   * (discovery); {@code endorsers} must be empty and goes once the other branches have merged
   * (decision 0013).
   */
  String submit(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers);

  /** Evaluates on this authority's own peer; returns the result JSON ({@code endorsers} empty). */
  String evaluate(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers);

  /**
   * Where the transaction {@code transactionId} stands, asked of this authority's peer as {@code
   * username}.
   */
  default TransactionStatus status(String username, String transactionId) {
    throw new LedgerException("UNAVAILABLE", "transaction status is not available");
  }

  /**
   * The number of the block holding transaction {@code txId}, asked as {@code username}; empty when
   * the ledger cannot say (an in-process ledger).
   */
  default OptionalLong blockNumber(String username, String txId) {
    return OptionalLong.empty();
  }

  /** Forgets what is cached for a user whose identity changed (new certificate, disabled). */
  default void forget(String username) {}

  /**
   * The channel's live configuration (a {@code common.Config}), read as {@code username} from its
   * organisation's peer; used to check a channel update before this organisation signs it.
   */
  default byte[] channelConfig(String username) {
    throw new LedgerException("UNAVAILABLE", "this ledger cannot read the channel configuration");
  }
}
