package org.regnet.chaincode.request;

import org.regnet.chaincode.validate.Check;

/** Requests naming one generated id: agreementId, referralId or flagId. */
public final class IdRef {

  private IdRef() {}

  /** {@code {"agreementId"}}. */
  public record AgreementRef(String agreementId) {
    public String id() {
      return Check.matches("agreementId", agreementId, Check.generatedId("AGR"), "an agreement id");
    }
  }

  /** {@code {"referralId"}}. */
  public record ReferralRef(String referralId) {
    public String id() {
      return checkReferralId("referralId", referralId);
    }
  }

  /** {@code {"flagId"}}. */
  public record FlagRef(String flagId) {
    public String id() {
      return Check.matches("flagId", flagId, Check.generatedId("FLG"), "a flag id");
    }
  }

  public static String checkReferralId(final String f, final String v) {
    return Check.matches(f, v, Check.generatedId("REF"), "a referral id");
  }
}
