package org.regnet.chaincode.model;

/** Life-cycle status of a referral. */
public enum ReferralStatus {
  SUBMITTED,
  ACKNOWLEDGED,
  UNDER_INVESTIGATION,
  INFORMATION_REQUESTED,
  CLOSED,
  DECLINED;
}
