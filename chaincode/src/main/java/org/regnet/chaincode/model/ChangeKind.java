package org.regnet.chaincode.model;

/** Kinds of membership change decided by quorum. */
public enum ChangeKind {
  ADMIT,
  SUSPEND,
  REINSTATE,
  WITHDRAW;
}
