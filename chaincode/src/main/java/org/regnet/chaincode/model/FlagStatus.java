package org.regnet.chaincode.model;

/** Status of an illicit-activity flag. */
public enum FlagStatus {
  ACTIVE,
  RETRACTED;
}
