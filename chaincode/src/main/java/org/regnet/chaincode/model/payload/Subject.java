package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.validate.Check;

/** A person or entity concerned. */
public record Subject(String name, String lei, String role) {

  public Subject validated(final String f) {
    Check.text(f + ".name", name, Check.SHORT_TEXT, false);
    Check.optionalLei(f + ".lei", lei);
    Check.optionalText(f + ".role", role, Check.SHORT_TEXT, false);
    return this;
  }
}
