package org.regnet.chaincode.request;

import org.regnet.chaincode.validate.Check;

/** A request naming a membership change. */
public record ChangeRef(String treatyId, String changeId, String channelSignature) {

  public ChangeRef validated() {
    TreatyRef.treatyId("treatyId", treatyId);
    Check.matches("changeId", changeId, Check.generatedId("MCH"), "a membership change id");
    return this;
  }
}
