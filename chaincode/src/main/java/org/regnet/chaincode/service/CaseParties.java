package org.regnet.chaincode.service;

import java.util.Set;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.ReferralLocator;
import org.regnet.chaincode.request.EvidenceOpening;
import org.regnet.chaincode.request.IdRef;

/**
 * The two parties of the case a document belongs to, and its treaty, as the ledger records them. A
 * referral's are its originator and recipient. Requests for assistance ({@code rfa:<id>}) are
 * answered here once their records are on the ledger (issue 14 item 1); until then they are refused
 * rather than trusted.
 */
final class CaseParties {

  /** A case's parties and treaty. */
  record Parties(Set<String> msps, String treatyId) {}

  private CaseParties() {}

  static Parties of(final RegnetContext ctx, final EvidenceOpening o) {
    if (o.caseKind().equals("referral")) {
      // the public locator, not the record: an evidence transaction reads no pair collection
      final ReferralLocator r =
          Repository.locate(ctx, IdRef.checkReferralId("evidence.caseRef", o.caseId()));
      return new Parties(Set.of(r.originator(), r.recipient()), r.treatyId());
    }
    throw ErrorCode.VALIDATION_FAILED.exception(
        "evidence.caseRef", "requests for assistance are not on this ledger yet");
  }
}
