package org.regnet.chaincode;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The stable error codes of the chaincode. A failure is a {@link ChaincodeException} whose payload
 * is the code name and whose message is {@code "<CODE>: <field>: <detail>"}.
 */
public enum ErrorCode {
  VALIDATION_FAILED,
  ACCESS_DENIED,
  NOT_FOUND,
  CONFLICT,
  INVALID_STATE,
  OUT_OF_SCOPE,
  CONSENT_REQUIRED,
  INTERNAL;

  /** Builds the exception to throw; {@code field} names the offending input or object. */
  public ChaincodeException exception(final String field, final String detail) {
    return new ChaincodeException(name() + ": " + field + ": " + detail, name());
  }
}
