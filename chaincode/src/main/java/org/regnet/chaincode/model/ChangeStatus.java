package org.regnet.chaincode.model;

/** Status of a membership change. */
public enum ChangeStatus {
  PENDING,
  APPLIED;
}
