package org.regnet.chaincode.model;

/**
 * Status of a membership change: PENDING until a quorum applies it, its proposer withdraws it, or
 * its deadline passes; the last three are final and free the MSP for a new proposal.
 */
public enum ChangeStatus {
  PENDING,
  APPLIED,
  WITHDRAWN,
  EXPIRED;
}
