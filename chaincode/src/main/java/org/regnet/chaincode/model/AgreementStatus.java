package org.regnet.chaincode.model;

/** Stored status of a bilateral agreement; EXPIRED and NOT_YET_VALID are only ever computed. */
public enum AgreementStatus {
  PROPOSED,
  ACTIVE,
  SUSPENDED,
  TERMINATED,
  EXPIRED,
  NOT_YET_VALID
}
