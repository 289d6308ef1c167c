package org.regnet.chaincode.model;

/** What a reply says of one item asked for (2024/2545 Art. 5: a reply in part or in full). */
public enum ItemOutcome {
  PROVIDED,
  REFUSED,
  DEFERRED;
}
