package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.validate.Check;

/** The underlying of an instrument: ISO 24165 DTI where known, else a symbol. */
public record Underlying(String dti, String symbol) {

  public Underlying validated(final String f) {
    if (dti == null && symbol == null) {
      throw ErrorCode.VALIDATION_FAILED.exception(f, "needs dti or symbol");
    }
    if (dti != null) {
      Check.matches(f + ".dti", dti, Check.DTI, "an ISO 24165 DTI");
    }
    if (symbol != null) {
      Check.matches(
          f + ".symbol", symbol, Check.SYMBOL, "a symbol matching " + Check.SYMBOL.pattern());
    }
    return this;
  }
}
