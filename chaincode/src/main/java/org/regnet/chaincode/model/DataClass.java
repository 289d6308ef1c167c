package org.regnet.chaincode.model;

/** Classes of data a treaty, an agreement or a referral covers. */
public enum DataClass {
  TRADE_DATA,
  ORDER_BOOK_DATA,
  ACCOUNT_IDENTITY,
  BENEFICIAL_OWNERSHIP,
  ON_CHAIN_ANALYTICS,
  COMMUNICATIONS_RECORDS,
  BANK_RECORDS,
  ILLICIT_ACTIVITY_FLAGS;
}
