package org.regnet.chaincode.request;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.Outcome;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.RefusalGround;
import org.regnet.chaincode.validate.Check;

/** Referral requests that carry more than the id. */
public final class ReferralActionRequest {

  private ReferralActionRequest() {}

  /** {@code referral:close}. */
  public record Close(String referralId, Outcome outcome) {
    public Close validated() {
      IdRef.checkReferralId("referralId", referralId);
      Check.required("outcome", outcome);
      return this;
    }
  }

  /** {@code referral:decline}. */
  public record Decline(String referralId, RefusalGround refusalGround) {
    public Decline validated() {
      IdRef.checkReferralId("referralId", referralId);
      Check.required("refusalGround", refusalGround);
      return this;
    }
  }

  /** {@code referral:readPayload}. */
  public record Read(String referralId, PermittedUse purpose) {
    public Read validated() {
      IdRef.checkReferralId("referralId", referralId);
      Check.required("purpose", purpose);
      return this;
    }
  }

  /** {@code referral:fetchPayload}. */
  public record Fetch(String referralId, String accessId) {
    public Fetch validated() {
      IdRef.checkReferralId("referralId", referralId);
      Check.matches(
          "accessId", accessId, java.util.regex.Pattern.compile("[0-9a-f]{16,64}"), "an access id");
      return this;
    }
  }

  /** {@code referral:requestConsent}. */
  public record RequestConsent(String referralId, String recipient, PermittedUse use) {
    public RequestConsent validated() {
      IdRef.checkReferralId("referralId", referralId);
      Check.msp("recipient", recipient);
      Check.required("use", use);
      return this;
    }
  }

  /** {@code referral:grantConsent} and {@code referral:shareOnward}. */
  public record ConsentRef(String referralId, String consentId) {
    public ConsentRef validated() {
      IdRef.checkReferralId("referralId", referralId);
      Check.matches("consentId", consentId, Check.generatedId("CNS"), "a consent id");
      return this;
    }
  }

  /**
   * {@code referral:pairEvent}: the details of a pair event, asked by one of the pair; or, with
   * {@code txIds} instead of {@code txId}, of up to {@link #MAX_TX_IDS} of the pair's events at
   * once (a node's event follower asks once per block, not once per event).
   */
  public record PairEvent(String txId, java.util.List<String> txIds, String counterparty) {
    /** At most this many ids in one ask: a block holds at most 200 transactions. */
    public static final int MAX_TX_IDS = 200;

    private static final java.util.regex.Pattern TX_ID =
        java.util.regex.Pattern.compile("[0-9a-f]{64}");

    public PairEvent validated() {
      if (txIds == null) {
        Check.matches("txId", txId, TX_ID, "a transaction id");
        Check.msp("counterparty", counterparty);
        return this;
      }
      Check.msp("counterparty", counterparty);
      if (txId != null) {
        throw ErrorCode.VALIDATION_FAILED.exception("txId", "give txId or txIds, not both");
      }
      final java.util.List<String> ids = Check.list("txIds", txIds, 1, MAX_TX_IDS);
      for (int i = 0; i < ids.size(); i++) {
        Check.matches("txIds[" + i + "]", ids.get(i), TX_ID, "a transaction id");
      }
      return new PairEvent(null, ids, counterparty);
    }
  }
}
