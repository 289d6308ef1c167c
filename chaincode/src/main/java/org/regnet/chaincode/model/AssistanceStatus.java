package org.regnet.chaincode.model;

/** Where a request for assistance stands; the final reply ends it. */
public enum AssistanceStatus {
  SUBMITTED,
  ACKNOWLEDGED,
  PARTIALLY_ANSWERED,
  ANSWERED;
}
