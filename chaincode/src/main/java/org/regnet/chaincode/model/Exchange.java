package org.regnet.chaincode.model;

/** Public trace of a confidential information request or response on a referral. */
public record Exchange(int seq, ExchangeKind kind, String by, String at, String hash) {}
