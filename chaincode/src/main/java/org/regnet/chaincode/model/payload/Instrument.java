package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.validate.Check;

/** An instrument concerned by a referral: CFI code, underlying, venue (all optional but one). */
public record Instrument(String cfi, Underlying underlying, Venue venue) {

  public Instrument validated(final String f) {
    if (cfi != null) {
      Check.matches(f + ".cfi", cfi, Check.CFI, "an ISO 10962 CFI code");
    }
    if (underlying != null) {
      underlying.validated(f + ".underlying");
    }
    if (venue != null) {
      venue.validated(f + ".venue");
    }
    if (cfi == null && underlying == null && venue == null) {
      throw org.regnet.chaincode.ErrorCode.VALIDATION_FAILED.exception(
          f, "needs cfi, underlying or venue");
    }
    return this;
  }
}
