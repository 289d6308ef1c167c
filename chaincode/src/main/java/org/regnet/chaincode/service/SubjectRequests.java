package org.regnet.chaincode.service;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.model.AssistanceProgress;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.SubjectRequest;
import org.regnet.chaincode.model.SubjectRequestKind;
import org.regnet.chaincode.model.payload.InformationMessage;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.AssistanceRequests;

/**
 * Data-subject requests recorded against a request for assistance (GDPR Art. 16, 18), by either
 * party, so the other learns of it (the event) and can act on its own copy. A restriction stops the
 * content being read ({@code assistance:content}, the auth.001 export) until it is lifted; the
 * record and its audit trail stay readable.
 */
public final class SubjectRequests {

  private SubjectRequests() {}

  public static AssistanceRequest record(
      final RegnetContext ctx, final AssistanceRequests.SubjectRequestInput raw) {
    final AssistanceRequests.SubjectRequestInput req = raw.validated();
    final AssistanceRequest r = AssistanceStore.load(ctx, req.requestId());
    AssistanceService.requireParty(ctx.caller(), r);
    AccessPolicy.requireCurrentMember(ctx.caller(), Repository.treaty(ctx, r.treatyId()));
    final AssistanceProgress p = r.progress();
    if (p.purgedAt() != null) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "purged");
    }
    if (req.kind() == SubjectRequestKind.RESTRICT && p.restrictedAt() != null) {
      throw ErrorCode.CONFLICT.exception("kind", "already restricted since " + p.restrictedAt());
    }
    if (req.kind() == SubjectRequestKind.LIFT_RESTRICTION && p.restrictedAt() == null) {
      throw ErrorCode.INVALID_STATE.exception("kind", "processing is not restricted");
    }
    if (p.subjectRequests().size() >= AssistanceReplies.MAX_PARTS) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "too many subject requests");
    }
    final InformationMessage details =
        Transient.payload(ctx.getStub(), InformationMessage.class).validated();
    final SealedPayload sealed = Sealing.seal(details, Transient.salt(ctx.getStub()));
    final int seq = p.subjectRequests().size() + 1;
    AssistanceStore.putSealed(ctx, r, "subject", seq, sealed);
    final String at = ctx.nowString();
    final AssistanceProgress.Builder b =
        p.toBuilder()
            .subjectRequest(
                new SubjectRequest(seq, req.kind(), ctx.caller().msp(), at, sealed.hash()))
            .at(at);
    if (req.kind() == SubjectRequestKind.RESTRICT) {
      b.restrictedAt(at);
    } else if (req.kind() == SubjectRequestKind.LIFT_RESTRICTION) {
      b.restrictedAt(null);
    }
    return AssistanceService.saved(
        ctx, r.with(b.build()), "assistance.subjectRequestRecorded", sealed.hash());
  }
}
