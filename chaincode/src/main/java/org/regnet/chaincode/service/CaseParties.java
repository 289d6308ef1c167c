package org.regnet.chaincode.service;

import java.util.Set;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.AssistanceLocator;
import org.regnet.chaincode.model.ReferralLocator;
import org.regnet.chaincode.request.AssistanceRequests;
import org.regnet.chaincode.request.EvidenceOpening;
import org.regnet.chaincode.request.IdRef;

/**
 * The two parties of the case a document belongs to, and its treaty, as the ledger records them. A
 * referral's are its originator and recipient; a request for assistance's ({@code rfa:<id>}) its
 * requester and requested authority, so the reply leg can carry documents. Any other kind is
 * refused rather than trusted.
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
    if (o.caseKind().equals("rfa")) {
      // the public locator too (decision 0029)
      final AssistanceLocator r =
          AssistanceStore.locate(ctx, AssistanceRequests.checkId("evidence.caseRef", o.caseId()));
      return new Parties(Set.of(r.requester(), r.requested()), r.treatyId());
    }
    throw ErrorCode.VALIDATION_FAILED.exception("evidence.caseRef", "referral:<id> or rfa:<id>");
  }
}
