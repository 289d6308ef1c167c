package org.regnet.chaincode.model;

/** Confidence of an illicit-activity flag. */
public enum Confidence {
  LOW,
  MEDIUM,
  HIGH;
}
