package org.regnet.chaincode.request;

import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.validate.Check;

/** Audit queries. */
public final class AuditRequest {

  private static final java.util.regex.Pattern OBJECT_ID =
      java.util.regex.Pattern.compile(
          "(TRT-[A-Z0-9][A-Z0-9-]{0,39})|((MCH|AGR|REF|FLG|RFA|COL)-[0-9a-f]{16})");

  private AuditRequest() {}

  /**
   * {@code audit:byObject}. A flag's trail is in the caller's pair collections with the flag's
   * treaty, so for a flag id the request names the treaty ({@code treatyId}, decision 0021).
   */
  public record ByObject(String objectId, Integer pageSize, String bookmark, String treatyId) {
    public ByObject validated() {
      if (treatyId != null) {
        TreatyRef.treatyId("treatyId", treatyId);
      }
      Check.matches(
          "objectId",
          objectId,
          OBJECT_ID,
          "a treaty, membership change, agreement, referral, flag, request or college id");
      PageRequest.size(pageSize);
      PageRequest.mark(bookmark);
      return this;
    }
  }

  /** {@code audit:byActor}; from/to optional. */
  public record ByActor(
      String actorMsp, String from, String to, Integer pageSize, String bookmark) {
    public ByActor validated() {
      Check.msp("actorMsp", actorMsp);
      window(from, to, false);
      PageRequest.size(pageSize);
      PageRequest.mark(bookmark);
      return this;
    }
  }

  /** {@code audit:byTimeRange}; from/to required. */
  public record ByTime(String from, String to, Integer pageSize, String bookmark) {
    public ByTime validated() {
      window(from, to, true);
      PageRequest.size(pageSize);
      PageRequest.mark(bookmark);
      return this;
    }
  }

  /** Validates [from, to): returns {from, to} with open ends as the epoch and the far future. */
  public static Instant[] window(final String from, final String to, final boolean required) {
    if (required) {
      Check.required("from", from);
      Check.required("to", to);
    }
    final Instant f = from == null ? Instant.EPOCH : Check.instant("from", from);
    final Instant t = to == null ? Instant.parse("9999-12-31T23:59:59Z") : Check.instant("to", to);
    if (f.isBefore(Instant.EPOCH)) {
      throw ErrorCode.VALIDATION_FAILED.exception("from", "must not be before 1970");
    }
    if (!f.isBefore(t)) {
      throw ErrorCode.VALIDATION_FAILED.exception("to", "must be after from");
    }
    return new Instant[] {f, t};
  }
}
