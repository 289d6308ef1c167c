package org.regnet.chaincode.request;

import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.TransferBasis;
import org.regnet.chaincode.validate.Check;

/** {@code agreement:propose}; {@code transferBasis} (GDPR Art. 45, 46, 49) is optional. */
public record ProposeAgreementRequest(
    String treatyId,
    String counterparty,
    ScopeInput scope,
    String validFrom,
    String validUntil,
    TransferBasis transferBasis) {

  public ProposeAgreementRequest validated(final Instant now) {
    TreatyRef.treatyId("treatyId", treatyId);
    Check.msp("counterparty", counterparty);
    Check.required("scope", scope).validated("scope");
    final Instant from = Check.instant("validFrom", validFrom);
    final Instant until = Check.instant("validUntil", validUntil);
    if (!from.isBefore(until)) {
      throw ErrorCode.VALIDATION_FAILED.exception("validUntil", "must be after validFrom");
    }
    if (!until.isAfter(now)) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "validUntil", "must be after the transaction time");
    }
    return this;
  }
}
