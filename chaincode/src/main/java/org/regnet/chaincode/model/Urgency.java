package org.regnet.chaincode.model;

/** Urgency of a referral (MMoU request content). */
public enum Urgency {
  ROUTINE,
  PRIORITY,
  URGENT;
}
