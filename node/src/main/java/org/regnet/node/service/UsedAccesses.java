package org.regnet.node.service;

/** Where the node records that it used a payload access for its one fetch. */
@FunctionalInterface
public interface UsedAccesses {

  /** Marks {@code accessId} used, durably; false when it was used already. */
  boolean markUsed(String accessId);
}
