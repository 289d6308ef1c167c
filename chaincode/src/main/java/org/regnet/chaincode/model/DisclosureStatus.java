package org.regnet.chaincode.model;

/** A compelled disclosure: notified to the requester, objected to, then recorded as made. */
public enum DisclosureStatus {
  NOTIFIED,
  OBJECTED,
  DISCLOSED;
}
