package org.regnet.chaincode.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.AssistanceProgress;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.AssistanceStatus;
import org.regnet.chaincode.model.AssistanceType;
import org.regnet.chaincode.model.Member;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.model.payload.AssistanceItem;
import org.regnet.chaincode.model.payload.AssistanceRequestPayload;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.AssistanceRequests;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.state.Page;

/**
 * Requests for assistance: submission, reading, listing. The requested authority's answers are in
 * {@link AssistanceReplies}; disclosures and retention in {@link DisclosureService} and {@link
 * RetentionService}.
 */
public final class AssistanceService {

  private AssistanceService() {}

  public static AssistanceRequest submit(
      final RegnetContext ctx, final AssistanceRequests.Submit raw) {
    final AssistanceRequests.Submit req = raw.validated();
    final AssistanceRequestPayload payload =
        Transient.payload(ctx.getStub(), AssistanceRequestPayload.class).validated(req.urgency());
    final byte[] salt = Transient.salt(ctx.getStub());
    final Caller c = ctx.caller();
    final AgreementOpening opening =
        AgreementOpening.check(
            ctx, req.agreementId(), req.instrumentClass(), req.dataClasses(), req.purposes());
    final Agreement a = opening.agreement();
    final Treaty t = opening.treaty();
    final String requested = opening.counterparty();
    final Instant now = opening.now();
    requireEmmouPowers(t, c.msp(), requested, payload);
    final Instant due = req.dueDate() == null ? null : Instant.parse(req.dueDate());
    if (due != null && !due.isAfter(now)) {
      throw ErrorCode.VALIDATION_FAILED.exception("dueDate", "must be in the future");
    }
    final SealedPayload sealed = Sealing.seal(payload, salt);
    final String at = now.toString();
    final AssistanceRequest r =
        new AssistanceRequest(
            ctx.keyedId("RFA"),
            t.treatyId(),
            a.agreementId(),
            c.msp(),
            requested,
            req.instrumentClass(),
            req.dataClasses(),
            req.purposes(),
            req.urgency(),
            payload.items().size(),
            sealed.hash(),
            at,
            Deadlines.acknowledgement(now, t.terms()).toString(),
            Deadlines.reply(now, t.terms(), req.urgency(), due).toString(),
            AssistanceProgress.submitted(at),
            null);
    AssistanceStore.create(ctx, r, sealed);
    AuditLog.record(ctx, change(r, "assistance.submitted").withPayloadHash(r.payloadHash()));
    return r;
  }

  public static AssistanceRequest get(final RegnetContext ctx, final AssistanceRequests.Ref ref) {
    final AssistanceRequest r = AssistanceStore.load(ctx, ref.id());
    requireParty(ctx.caller(), r);
    return r;
  }

  /**
   * The request's sealed content as the caller's own peer holds it (the node renders the auth.001
   * export from it). Evaluated only: the content never goes into a block.
   */
  public static Map<String, Object> content(
      final RegnetContext ctx, final AssistanceRequests.Ref ref) {
    final AssistanceRequest r = get(ctx, ref);
    AccessPolicy.requireOwnPeer(ctx.getStub(), ctx.caller());
    if (r.progress().restrictedAt() != null) {
      throw ErrorCode.INVALID_STATE.exception(
          "requestId",
          "processing restricted since " + r.progress().restrictedAt() + " (GDPR Art. 18)");
    }
    final SealedPayload s =
        AssistanceStore.sealed(ctx, r, "request", 0)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.exception(
                        "requestId",
                        r.progress().purgedAt() != null
                            ? "content purged at " + r.progress().purgedAt()
                            : "no content on this peer"));
    final Map<String, Object> out = new HashMap<>();
    out.put("request", r);
    out.put(
        "payload",
        Json.read(s.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8), Object.class));
    out.put("payloadHash", s.hash());
    return out;
  }

  public static Page<AssistanceRequest> list(
      final RegnetContext ctx, final PageRequest req, final boolean inbox) {
    return AssistanceStore.page(
        ctx, inbox, PageRequest.size(req.pageSize()), PageRequest.mark(req.bookmark()));
  }

  static void requireParty(final Caller c, final AssistanceRequest r) {
    if (!r.parties().contains(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "requestId", c.msp() + " is not a party to " + r.requestId());
    }
  }

  /** EMMoU para 3: its additional powers pass only between two EMMoU signatories. */
  private static void requireEmmouPowers(
      final Treaty t,
      final String requester,
      final String requested,
      final AssistanceRequestPayload p) {
    final boolean both =
        t.member(requester).map(Member::emmou).orElse(false)
            && t.member(requested).map(Member::emmou).orElse(false);
    for (int i = 0; i < p.items().size(); i++) {
      final AssistanceItem it = p.items().get(i);
      final AssistanceType type = it.type();
      if (type.emmouOnly() && !both) {
        throw ErrorCode.OUT_OF_SCOPE.exception(
            "payload.items[" + i + "].type",
            type + " needs both authorities to have signed the EMMoU");
      }
    }
  }

  /**
   * The change as recorded in the pair's collection, its public event naming only the pair
   * (decision 0029, as referrals in 0020).
   */
  static Change change(final AssistanceRequest r, final String action) {
    return Change.of(
            action,
            "assistance",
            r.requestId(),
            r.treatyId(),
            r.parties(),
            r.progress().status().name())
        .inPair(r.requester(), r.requested());
  }

  static AssistanceRequest saved(
      final RegnetContext ctx,
      final AssistanceRequest next,
      final String action,
      final String hash) {
    AssistanceStore.save(ctx, next);
    AuditLog.record(ctx, change(next, action).withPayloadHash(hash));
    return next;
  }

  static boolean answered(final AssistanceRequest r) {
    return r.progress().status() == AssistanceStatus.ANSWERED;
  }
}
