package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.validate.Check;

/**
 * The legal basis the requester invokes (ISO 20022 auth.001 LegalMandateBasis: Paragraph, at most
 * 35 characters, and Disclaimer, at most 350).
 */
public record LegalMandate(String paragraph, String disclaimer) {

  public LegalMandate validated(final String f) {
    Check.text(f + ".paragraph", paragraph, 35, false);
    Check.optionalText(f + ".disclaimer", disclaimer, 350, true);
    return this;
  }
}
