package org.regnet.chaincode.model;

/** Kind of identifier an illicit-activity flag is about. */
public enum SubjectType {
  CHAIN_ADDRESS,
  LEI,
  ENTITY_NAME;
}
