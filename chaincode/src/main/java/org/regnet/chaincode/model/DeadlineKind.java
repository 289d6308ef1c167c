package org.regnet.chaincode.model;

/** The two deadlines of a request for assistance. */
public enum DeadlineKind {
  ACKNOWLEDGEMENT,
  REPLY;
}
