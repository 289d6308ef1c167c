package org.regnet.chaincode.request;

import org.regnet.chaincode.validate.Check;

/** A request naming a treaty. */
public record TreatyRef(String treatyId) {

  public static String treatyId(final String f, final String v) {
    return Check.matches(
        f, v, Check.TREATY_ID, "a treaty id matching " + Check.TREATY_ID.pattern());
  }

  public TreatyRef validated() {
    return new TreatyRef(treatyId("treatyId", treatyId));
  }
}
