package org.regnet.chaincode.model;

/** Kind of confidential exchange on a referral. */
public enum ExchangeKind {
  INFORMATION_REQUEST,
  INFORMATION_RESPONSE;
}
