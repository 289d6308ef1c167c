package org.regnet.chaincode.request;

import org.regnet.chaincode.model.Signatory;
import org.regnet.chaincode.validate.Check;

/** A founding member as given to {@code treaty:found}; {@code signatory} defaults to the MMoU. */
public record MemberInput(String msp, String jurisdiction, String lei, Signatory signatory) {

  public MemberInput validated(final String f) {
    return new MemberInput(
        Check.msp(f + ".msp", msp),
        Check.matches(
            f + ".jurisdiction", jurisdiction, Check.JURISDICTION, "an ISO 3166-1 alpha-2 code"),
        Check.optionalLei(f + ".lei", lei),
        signatory == null ? Signatory.MMOU : signatory);
  }
}
