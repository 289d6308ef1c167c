package org.regnet.chaincode.request;

import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.Confidence;
import org.regnet.chaincode.model.SubjectType;
import org.regnet.chaincode.model.Typology;
import org.regnet.chaincode.validate.Check;

/**
 * Flag requests. The requests of the three flag transactions ({@code raise}, {@code retract},
 * {@code recordMatch}) travel in the transient map under {@link #TRANSIENT} (the argument must be
 * {@code {}}): arguments are written into the block, which every peer of the channel holds, and a
 * flag is for its treaty's members only (decision 0021).
 */
public final class FlagRequest {

  /** The transient entry that carries the request of a flag transaction. */
  public static final String TRANSIENT = "flag";

  private FlagRequest() {}

  /**
   * {@code flag:raise}: one copy of the flag, for the pair of the originator and {@code member}
   * (the lookup key and the idempotency key come in the transient map too).
   */
  public record Raise(
      String treatyId,
      String member,
      SubjectType subjectType,
      String chainId,
      Typology category,
      Confidence confidence,
      String expiresAt,
      String evidenceRef) {
    public Raise validated(final Instant now) {
      TreatyRef.treatyId("treatyId", treatyId);
      Check.msp("member", member);
      Check.required("subjectType", subjectType);
      if (subjectType == SubjectType.CHAIN_ADDRESS) {
        Check.matches("chainId", chainId, Check.CHAIN_ID, "a CAIP-2 chain id");
      } else if (chainId != null) {
        throw ErrorCode.VALIDATION_FAILED.exception("chainId", "only allowed with CHAIN_ADDRESS");
      }
      Check.required("category", category);
      if (category.family() != Typology.Family.ILLICIT_ACTIVITY) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            "category", "must be an illicit-activity typology");
      }
      Check.required("confidence", confidence);
      if (!Check.instant("expiresAt", expiresAt).isAfter(now)) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            "expiresAt", "must be after the transaction time");
      }
      Check.text("evidenceRef", evidenceRef, Check.SHORT_TEXT, false);
      return this;
    }
  }

  /** {@code flag:lookup}. */
  public record Lookup(String treatyId) {
    public Lookup validated() {
      TreatyRef.treatyId("treatyId", treatyId);
      return this;
    }
  }

  /** {@code flag:copy}: the originator's own flag, found in its pairs with the treaty. */
  public record Copy(String treatyId, String flagId) {
    public Copy validated() {
      TreatyRef.treatyId("treatyId", treatyId);
      new IdRef.FlagRef(flagId).id();
      return this;
    }
  }

  /** {@code flag:retract}: the copy of the flag in the pair of the originator and member. */
  public record Retract(String flagId, String member) {
    public Retract validated() {
      new IdRef.FlagRef(flagId).id();
      Check.msp("member", member);
      return this;
    }
  }

  /**
   * {@code flag:recordMatch}: one handle (flag id and originator) that {@code flag:lookup}
   * returned.
   */
  public record RecordMatch(String treatyId, String flagId, String originator) {
    public RecordMatch validated() {
      TreatyRef.treatyId("treatyId", treatyId);
      new IdRef.FlagRef(flagId).id();
      Check.msp("originator", originator);
      return this;
    }
  }
}
