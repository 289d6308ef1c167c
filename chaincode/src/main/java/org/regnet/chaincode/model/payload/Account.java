package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.validate.Check;

/** An account at a venue. */
public record Account(String accountId, Venue venue) {

  public Account validated(final String f) {
    Check.text(f + ".accountId", accountId, Check.SHORT_TEXT, false);
    Check.required(f + ".venue", venue).validated(f + ".venue");
    return this;
  }
}
