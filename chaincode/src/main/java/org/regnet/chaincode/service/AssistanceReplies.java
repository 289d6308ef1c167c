package org.regnet.chaincode.service;

import static org.regnet.chaincode.model.AssistanceStatus.ACKNOWLEDGED;
import static org.regnet.chaincode.model.AssistanceStatus.PARTIALLY_ANSWERED;
import static org.regnet.chaincode.model.AssistanceStatus.SUBMITTED;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.model.AssistanceProgress;
import org.regnet.chaincode.model.AssistanceReply;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.AssistanceStatus;
import org.regnet.chaincode.model.AssistanceUpdate;
import org.regnet.chaincode.model.DeadlineKind;
import org.regnet.chaincode.model.ItemOutcome;
import org.regnet.chaincode.model.OverdueMark;
import org.regnet.chaincode.model.ReplyItem;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.model.UpdateKind;
import org.regnet.chaincode.model.Urgency;
import org.regnet.chaincode.model.payload.InformationMessage;
import org.regnet.chaincode.model.payload.ReplyPayload;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.AssistanceRequests;

/**
 * The reply leg (MMoU para 9; 2024/2545 Art. 4-7): the requested authority acknowledges with an
 * estimate or an update frequency, may contest urgency, sends progress updates and new estimates
 * with reasons, then one or more partial replies and a final one, each item provided, refused on a
 * treaty ground, or deferred. Either party records a missed deadline.
 */
public final class AssistanceReplies {

  /** Most updates, replies or disclosures one request carries. */
  static final int MAX_PARTS = 100;

  private static final Set<AssistanceStatus> OPEN = EnumSet.of(ACKNOWLEDGED, PARTIALLY_ANSWERED);

  private AssistanceReplies() {}

  public static AssistanceRequest acknowledge(
      final RegnetContext ctx, final AssistanceRequests.Acknowledge raw) {
    final AssistanceRequests.Acknowledge req = raw.validated();
    final AssistanceRequest r = requestedTurn(ctx, req.requestId(), EnumSet.of(SUBMITTED));
    final String estimate =
        req.estimatedReplyAt() == null ? null : future(ctx, req.estimatedReplyAt()).toString();
    final String at = ctx.nowString();
    final AssistanceProgress p =
        r.progress().toBuilder()
            .status(ACKNOWLEDGED)
            .acknowledged(at, estimate, req.updateFrequencyDays())
            .at(at)
            .build();
    return AssistanceService.saved(ctx, r.with(p), "assistance.acknowledged", null);
  }

  /** 2024/2545 Art. 7: the requested authority may contest an urgent or priority request. */
  public static AssistanceRequest contestUrgency(
      final RegnetContext ctx, final AssistanceRequests.Ref ref) {
    final AssistanceRequest r =
        requestedTurn(ctx, ref.id(), EnumSet.of(SUBMITTED, ACKNOWLEDGED, PARTIALLY_ANSWERED));
    if (r.urgency() == Urgency.ROUTINE) {
      throw ErrorCode.INVALID_STATE.exception("urgency", "a routine request has no urgency");
    }
    if (r.progress().urgencyContested()) {
      throw ErrorCode.CONFLICT.exception("urgency", "urgency already contested");
    }
    return update(ctx, r, UpdateKind.URGENCY_CONTESTED, null, "assistance.urgencyContested");
  }

  public static AssistanceRequest progress(
      final RegnetContext ctx, final AssistanceRequests.Ref ref) {
    final AssistanceRequest r = requestedTurn(ctx, ref.id(), OPEN);
    return update(ctx, r, UpdateKind.PROGRESS, null, "assistance.progressReported");
  }

  /** 2024/2545 Art. 6(2): a reply that will be late comes with a new estimate and reasons. */
  public static AssistanceRequest reestimate(
      final RegnetContext ctx, final AssistanceRequests.Reestimate raw) {
    final AssistanceRequests.Reestimate req = raw.validated();
    final AssistanceRequest r = requestedTurn(ctx, req.requestId(), OPEN);
    final String estimate = future(ctx, req.estimatedReplyAt()).toString();
    return update(ctx, r, UpdateKind.NEW_ESTIMATE, estimate, "assistance.reestimated");
  }

  public static AssistanceRequest reply(
      final RegnetContext ctx, final AssistanceRequests.Reply raw) {
    final AssistanceRequests.Reply req = raw.validated();
    final AssistanceRequest r = requestedTurn(ctx, req.requestId(), OPEN);
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    final Set<Integer> resolved = resolved(r);
    for (int i = 0; i < req.items().size(); i++) {
      final ReplyItem it = req.items().get(i);
      final String f = "items[" + i + "]";
      if (it.itemNo() > r.itemCount()) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            f + ".itemNo", "the request has " + r.itemCount() + " items");
      }
      if (resolved.contains(it.itemNo())) {
        throw ErrorCode.INVALID_STATE.exception(
            f + ".itemNo", "item " + it.itemNo() + " was already answered");
      }
      if (it.refusalGround() != null && !t.terms().refusalGrounds().contains(it.refusalGround())) {
        throw ErrorCode.OUT_OF_SCOPE.exception(
            f + ".refusalGround", it.refusalGround() + " is not a refusal ground of the treaty");
      }
      if (it.outcome() != ItemOutcome.DEFERRED) {
        resolved.add(it.itemNo());
      }
    }
    if (req.finalReply() && resolved.size() < r.itemCount()) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "items", "a final reply answers every item not yet answered");
    }
    if (r.progress().replies().size() >= MAX_PARTS) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "at most " + MAX_PARTS + " replies");
    }
    final ReplyPayload payload = Transient.payload(ctx.getStub(), ReplyPayload.class).validated();
    final SealedPayload sealed = Sealing.seal(payload, Transient.salt(ctx.getStub()));
    final int seq = r.progress().replies().size() + 1;
    AssistanceStore.putSealed(ctx, r, "reply", seq, sealed);
    final String at = ctx.nowString();
    final AssistanceProgress.Builder b =
        r.progress().toBuilder()
            .reply(new AssistanceReply(seq, req.finalReply(), at, req.items(), sealed.hash()))
            .status(req.finalReply() ? AssistanceStatus.ANSWERED : PARTIALLY_ANSWERED)
            .at(at);
    if (req.finalReply()) {
      b.finalReplyAt(at);
    }
    return AssistanceService.saved(
        ctx,
        r.with(b.build()),
        req.finalReply() ? "assistance.answered" : "assistance.partiallyAnswered",
        sealed.hash());
  }

  /**
   * Records a missed deadline once (for the reply: once per due date, a new estimate sets a new
   * one); the event tells both parties' nodes, whose inboxes show it.
   */
  public static AssistanceRequest markOverdue(
      final RegnetContext ctx, final AssistanceRequests.Ref ref) {
    final AssistanceRequest r = AssistanceStore.load(ctx, ref.id());
    AssistanceService.requireParty(ctx.caller(), r);
    AccessPolicy.requireCurrentMember(ctx.caller(), Repository.treaty(ctx, r.treatyId()));
    if (r.offered()) {
      throw ErrorCode.INVALID_STATE.exception(
          "requestId", "unsolicited information has no deadlines");
    }
    final Instant now = ctx.now();
    final String at = now.toString();
    final AssistanceProgress p = r.progress();
    OverdueMark mark = null;
    if (p.acknowledgedAt() == null
        && now.isAfter(Instant.parse(r.acknowledgeDueAt()))
        && !marked(r, DeadlineKind.ACKNOWLEDGEMENT, r.acknowledgeDueAt())) {
      mark = new OverdueMark(DeadlineKind.ACKNOWLEDGEMENT, r.acknowledgeDueAt(), at);
    } else if (!AssistanceService.answered(r)
        && now.isAfter(Instant.parse(r.currentReplyDueAt()))
        && !marked(r, DeadlineKind.REPLY, r.currentReplyDueAt())) {
      mark = new OverdueMark(DeadlineKind.REPLY, r.currentReplyDueAt(), at);
    }
    if (mark == null) {
      throw ErrorCode.INVALID_STATE.exception(
          "requestId", "no deadline of " + r.requestId() + " is newly overdue");
    }
    return AssistanceService.saved(
        ctx, r.with(p.toBuilder().overdue(mark).at(at).build()), "assistance.overdue", null);
  }

  private static boolean marked(final AssistanceRequest r, final DeadlineKind k, final String due) {
    return r.progress().overdue().stream().anyMatch(o -> o.kind() == k && o.dueAt().equals(due));
  }

  private static Set<Integer> resolved(final AssistanceRequest r) {
    final Set<Integer> out = new HashSet<>();
    for (AssistanceReply rep : r.progress().replies()) {
      for (ReplyItem it : rep.items()) {
        if (it.outcome() != ItemOutcome.DEFERRED) {
          out.add(it.itemNo());
        }
      }
    }
    return out;
  }

  private static AssistanceRequest update(
      final RegnetContext ctx,
      final AssistanceRequest r,
      final UpdateKind kind,
      final String estimate,
      final String action) {
    if (r.progress().updates().size() >= MAX_PARTS) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "at most " + MAX_PARTS + " updates");
    }
    final InformationMessage message =
        Transient.payload(ctx.getStub(), InformationMessage.class).validated();
    final SealedPayload sealed = Sealing.seal(message, Transient.salt(ctx.getStub()));
    final int seq = r.progress().updates().size() + 1;
    AssistanceStore.putSealed(ctx, r, "update", seq, sealed);
    final String at = ctx.nowString();
    final AssistanceProgress.Builder b =
        r.progress().toBuilder()
            .update(new AssistanceUpdate(seq, kind, at, estimate, sealed.hash()))
            .at(at);
    if (kind == UpdateKind.URGENCY_CONTESTED) {
      b.urgencyContested();
    }
    if (estimate != null) {
      b.estimate(estimate);
    }
    return AssistanceService.saved(ctx, r.with(b.build()), action, sealed.hash());
  }

  /** The requested authority's turn, from one of the given states. */
  private static AssistanceRequest requestedTurn(
      final RegnetContext ctx, final String id, final Set<AssistanceStatus> from) {
    final AssistanceRequest r =
        AssistanceStore.load(ctx, AssistanceRequests.checkId("requestId", id));
    if (!r.requested().equals(ctx.caller().msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "requestId", "only the requested authority " + r.requested() + " may do this");
    }
    AccessPolicy.requireCurrentMember(ctx.caller(), Repository.treaty(ctx, r.treatyId()));
    if (!from.contains(r.progress().status())) {
      throw ErrorCode.INVALID_STATE.exception(
          "status", ctx.transaction() + " is not allowed from " + r.progress().status());
    }
    if (r.progress().purgedAt() != null) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "purged");
    }
    return r;
  }

  private static Instant future(final RegnetContext ctx, final String when) {
    final Instant t = Instant.parse(when);
    if (!t.isAfter(ctx.now())) {
      throw ErrorCode.VALIDATION_FAILED.exception("estimatedReplyAt", "must be in the future");
    }
    return t;
  }
}
