package org.regnet.chaincode.model;

/** A message of the requested authority between acknowledgement and reply (2024/2545 Art. 6-7). */
public enum UpdateKind {
  PROGRESS,
  NEW_ESTIMATE,
  URGENCY_CONTESTED;
}
