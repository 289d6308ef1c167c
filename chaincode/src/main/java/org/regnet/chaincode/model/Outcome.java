package org.regnet.chaincode.model;

/** Outcome of a closed referral. */
public enum Outcome {
  ENFORCEMENT_ACTION,
  SANCTION_IMPOSED,
  REFERRED_TO_PROSECUTOR,
  INFORMATION_PROVIDED,
  NO_FURTHER_ACTION;
}
