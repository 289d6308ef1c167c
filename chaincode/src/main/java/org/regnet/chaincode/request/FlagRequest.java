package org.regnet.chaincode.request;

import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.Confidence;
import org.regnet.chaincode.model.SubjectType;
import org.regnet.chaincode.model.Typology;
import org.regnet.chaincode.validate.Check;

/** Flag requests. */
public final class FlagRequest {

  private FlagRequest() {}

  /** {@code flag:raise} (the lookup key comes in the transient map). */
  public record Raise(
      String treatyId,
      SubjectType subjectType,
      String chainId,
      Typology category,
      Confidence confidence,
      String expiresAt,
      String evidenceRef) {
    public Raise validated(final Instant now) {
      TreatyRef.treatyId("treatyId", treatyId);
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

  /** {@code flag:recordMatch}: one handle (flag id) that {@code flag:lookup} returned. */
  public record RecordMatch(String treatyId, String flagId) {
    public RecordMatch validated() {
      TreatyRef.treatyId("treatyId", treatyId);
      new IdRef.FlagRef(flagId).id();
      return this;
    }
  }
}
