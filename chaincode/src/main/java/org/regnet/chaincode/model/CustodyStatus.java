package org.regnet.chaincode.model;

/** PINNED by the sender before the transfer; RECEIVED once the receiver verified the hash. */
public enum CustodyStatus {
  PINNED,
  RECEIVED
}
