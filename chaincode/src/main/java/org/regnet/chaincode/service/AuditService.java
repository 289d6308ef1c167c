package org.regnet.chaincode.service;

import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.AuditEntry;
import org.regnet.chaincode.model.MembershipChange;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.request.AuditRequest;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.state.Page;

/** Audit queries: the caller's MSP must be allowed to see the object; pages cost only the page. */
public final class AuditService {

  private AuditService() {}

  public static Page<AuditEntry> byObject(
      final RegnetContext ctx, final AuditRequest.ByObject raw) {
    final AuditRequest.ByObject req = raw.validated();
    final Caller c = ctx.caller();
    final String id = req.objectId();
    switch (id.substring(0, 3)) {
      case "TRT" -> {
        AccessPolicy.requireMember(c, Repository.treaty(ctx, id));
        AccessPolicy.requireAuditRole(c, true);
      }
      case "MCH" -> {
        final MembershipChange m = Repository.change(ctx, id);
        AccessPolicy.requireMember(c, Repository.treaty(ctx, m.treatyId()));
        AccessPolicy.requireAuditRole(c, true);
      }
      case "AGR" -> {
        final Agreement a = Repository.agreement(ctx, id);
        AccessPolicy.requireAgreementParty(c, a);
        AccessPolicy.requireAuditRole(c, true);
      }
      case "REF" -> {
        final Referral r = Repository.referral(ctx, id);
        AccessPolicy.requireReferralParty(c, r);
        AccessPolicy.requireAuditRole(c, false);
        return AuditLog.byObject(
            ctx,
            Repository.storeOf(ctx, r, c.msp()),
            id,
            PageRequest.size(req.pageSize()),
            PageRequest.mark(req.bookmark()));
      }
      case "FLG" -> {
        if (req.treatyId() == null) {
          throw ErrorCode.VALIDATION_FAILED.exception("treatyId", "required for a flag");
        }
        return FlagService.audit(ctx, req.treatyId(), id, PageRequest.size(req.pageSize()));
      }
      case "RFA" -> {
        final AssistanceRequest r = AssistanceStore.load(ctx, id);
        AssistanceService.requireParty(c, r);
        AccessPolicy.requireAuditRole(c, false);
        return AuditLog.byObject(
            ctx,
            AssistanceStore.pairStore(ctx, r),
            id,
            PageRequest.size(req.pageSize()),
            PageRequest.mark(req.bookmark()));
      }
      case "COL" -> {
        final org.regnet.chaincode.model.CollegeLocator loc = CollegeStore.locate(ctx, id);
        CollegeStore.requireMember(ctx, loc, id);
        AccessPolicy.requireAuditRole(c, false);
        return AuditLog.byObject(
            ctx,
            CollegeStore.pairsOf(ctx, c.msp(), loc.members()),
            id,
            PageRequest.size(req.pageSize()),
            PageRequest.mark(req.bookmark()));
      }
      default -> throw ErrorCode.VALIDATION_FAILED.exception("objectId", "unknown object type");
    }
    return AuditLog.byObject(
        ctx, id, PageRequest.size(req.pageSize()), PageRequest.mark(req.bookmark()));
  }

  public static Page<AuditEntry> byActor(final RegnetContext ctx, final AuditRequest.ByActor raw) {
    final AuditRequest.ByActor req = raw.validated();
    final Instant[] w = AuditRequest.window(req.from(), req.to(), false);
    return AuditLog.byActor(
        ctx,
        req.actorMsp(),
        w[0],
        w[1],
        PageRequest.size(req.pageSize()),
        PageRequest.mark(req.bookmark()));
  }

  public static Page<AuditEntry> byTime(final RegnetContext ctx, final AuditRequest.ByTime raw) {
    final AuditRequest.ByTime req = raw.validated();
    final Instant[] w = AuditRequest.window(req.from(), req.to(), true);
    return AuditLog.byTime(
        ctx, w[0], w[1], PageRequest.size(req.pageSize()), PageRequest.mark(req.bookmark()));
  }
}
