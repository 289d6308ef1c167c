package org.regnet.chaincode.model;

/** Uses a treaty permits and a referral states as its purposes. */
public enum PermittedUse {
  MARKET_SURVEILLANCE,
  INVESTIGATION,
  ENFORCEMENT,
  SUPERVISION,
  CRIMINAL_REFERRAL;
}
