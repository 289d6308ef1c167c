package org.regnet.node.store;

/** The last chaincode event the node processed: resume from its block, skip what is done. */
public record Checkpoint(long blockNumber, String txId) {
  public static final Checkpoint START = new Checkpoint(0, null);
}
