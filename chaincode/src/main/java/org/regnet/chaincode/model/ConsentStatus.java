package org.regnet.chaincode.model;

/** Status of a consent request. */
public enum ConsentStatus {
  REQUESTED,
  GRANTED;
}
