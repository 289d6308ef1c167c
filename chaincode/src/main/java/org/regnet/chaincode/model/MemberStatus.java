package org.regnet.chaincode.model;

/** Status of a member in a treaty. */
public enum MemberStatus {
  ACTIVE,
  SUSPENDED,
  WITHDRAWN;
}
