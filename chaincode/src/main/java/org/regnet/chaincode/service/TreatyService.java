package org.regnet.chaincode.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.ChangeStatus;
import org.regnet.chaincode.model.ChannelUpdate;
import org.regnet.chaincode.model.Member;
import org.regnet.chaincode.model.MemberStatus;
import org.regnet.chaincode.model.MembershipChange;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.ChangeRef;
import org.regnet.chaincode.request.ChannelSignatures;
import org.regnet.chaincode.request.FoundTreatyRequest;
import org.regnet.chaincode.request.MemberInput;
import org.regnet.chaincode.request.MembershipChangeRequest;
import org.regnet.chaincode.request.TreatyRef;
import org.regnet.chaincode.state.Keys;

/** Treaty founding and membership changes by quorum. */
public final class TreatyService {

  private TreatyService() {}

  public static Treaty found(final RegnetContext ctx, final FoundTreatyRequest raw) {
    final FoundTreatyRequest req = raw.validated();
    final Caller c = ctx.caller();
    if (req.members().stream().noneMatch(m -> m.msp().equals(c.msp()))) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "members", "the founder's MSP " + c.msp() + " must be a founding member");
    }
    final String id =
        req.treatyId() != null
            ? req.treatyId()
            : "TRT-" + Keys.txPrefix(ctx.txId(), 16).toUpperCase(Locale.ROOT);
    if (ctx.ledger().exists(Repository.treatyKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("treatyId", "treaty " + id + " already exists");
    }
    final String now = ctx.nowString();
    final List<Member> members = new ArrayList<>();
    for (MemberInput m : req.members()) {
      members.add(new Member(m.msp(), m.jurisdiction(), m.lei(), MemberStatus.ACTIVE, now));
    }
    final Treaty t =
        new Treaty(id, req.name(), req.terms().validated("terms"), members, c.msp(), now, now);
    Repository.save(ctx, t);
    AuditLog.record(ctx, Change.of("treaty.founded", "treaty", id, id, t.allMsps(), null));
    return t;
  }

  public static Treaty get(final RegnetContext ctx, final TreatyRef ref) {
    final Treaty t = Repository.treaty(ctx, ref.validated().treatyId());
    AccessPolicy.requireMember(ctx.caller(), t);
    return t;
  }

  public static MembershipChange propose(
      final RegnetContext ctx, final MembershipChangeRequest raw) {
    final MembershipChangeRequest req = raw.validated();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    final Caller c = ctx.caller();
    AccessPolicy.requireActiveMember(c, t);
    requireTransition(t, req.kind(), req.msp(), "kind");
    final String openKey = ctx.ledger().key(Keys.MCHANGE_OPEN, t.treatyId(), req.msp());
    if (ctx.ledger().exists(openKey)) {
      throw ErrorCode.CONFLICT.exception(
          "msp", "a membership change for " + req.msp() + " is already pending");
    }
    final String id = ctx.newId("MCH");
    if (ctx.ledger().exists(Repository.changeKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("changeId", "membership change " + id + " already exists");
    }
    final MembershipChange proposed =
        new MembershipChange(
            id,
            t.treatyId(),
            req.kind(),
            req.msp(),
            req.jurisdiction(),
            req.lei(),
            c.msp(),
            List.of(c.msp()),
            0,
            ChangeStatus.PENDING,
            ctx.nowString(),
            null);
    if (req.channelUpdate() != null) {
      ChannelUpdate update =
          new ChannelUpdate(
              id,
              req.channelUpdate(),
              Hashes.sha256Hex(
                  ChannelSignatures.decode(
                      "channelUpdate", req.channelUpdate(), ChannelSignatures.MAX_UPDATE_BYTES)),
              java.util.Map.of());
      if (req.channelSignature() != null) {
        update = update.withSignature(c.msp(), signature(c, req.channelSignature()));
      }
      ctx.ledger().put(ctx.ledger().key(Keys.MCHANGE_CHANNEL, id), update);
    }
    return tallyAndSave(ctx, t, proposed, openKey, "treaty.membershipProposed");
  }

  /** The channel update of a membership change, with the signatures gathered so far. */
  public static ChannelUpdate getChannelUpdate(final RegnetContext ctx, final ChangeRef raw) {
    final MembershipChange change = getChange(ctx, raw);
    return ctx.ledger()
        .get(ctx.ledger().key(Keys.MCHANGE_CHANNEL, change.changeId()), ChannelUpdate.class)
        .orElseThrow(
            () ->
                ErrorCode.NOT_FOUND.exception(
                    "changeId",
                    "membership change " + change.changeId() + " carries no channel update"));
  }

  /** The caller's channel signature, checked to be made by an identity of the caller's own MSP. */
  private static String signature(final Caller c, final String base64) {
    final String signer = ChannelSignatures.signerMsp("channelSignature", base64);
    if (!signer.equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "channelSignature", "signed by " + signer + ", not by the approving member " + c.msp());
    }
    return base64;
  }

  public static MembershipChange approve(final RegnetContext ctx, final ChangeRef raw) {
    final ChangeRef req = raw.validated();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    final MembershipChange change = Repository.change(ctx, req.changeId());
    if (!change.treatyId().equals(t.treatyId())) {
      throw ErrorCode.NOT_FOUND.exception(
          "changeId", "no membership change " + req.changeId() + " in " + t.treatyId());
    }
    final Caller c = ctx.caller();
    AccessPolicy.requireActiveMember(c, t);
    if (change.status() != ChangeStatus.PENDING) {
      throw ErrorCode.INVALID_STATE.exception(
          "changeId", "membership change is " + change.status());
    }
    if (change.approvals().contains(c.msp())) {
      throw ErrorCode.CONFLICT.exception("changeId", c.msp() + " already approved");
    }
    if (req.channelSignature() != null) {
      final String key = ctx.ledger().key(Keys.MCHANGE_CHANNEL, change.changeId());
      final ChannelUpdate update =
          ctx.ledger()
              .get(key, ChannelUpdate.class)
              .orElseThrow(
                  () ->
                      ErrorCode.VALIDATION_FAILED.exception(
                          "channelSignature", "the change carries no channel update"));
      ctx.ledger().put(key, update.withSignature(c.msp(), signature(c, req.channelSignature())));
    }
    final String openKey = ctx.ledger().key(Keys.MCHANGE_OPEN, t.treatyId(), change.msp());
    return tallyAndSave(ctx, t, change.withApproval(c.msp()), openKey, "treaty.membershipApproved");
  }

  public static MembershipChange getChange(final RegnetContext ctx, final ChangeRef raw) {
    final ChangeRef req = raw.validated();
    if (req.channelSignature() != null) {
      throw ErrorCode.VALIDATION_FAILED.exception("channelSignature", "not accepted by queries");
    }
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireMember(ctx.caller(), t);
    final MembershipChange change = Repository.change(ctx, req.changeId());
    if (!change.treatyId().equals(t.treatyId())) {
      throw ErrorCode.NOT_FOUND.exception(
          "changeId", "no membership change " + req.changeId() + " in " + t.treatyId());
    }
    return change;
  }

  /** More than half of the currently active members, counting approvals of active members only. */
  private static MembershipChange tallyAndSave(
      final RegnetContext ctx,
      final Treaty t,
      final MembershipChange change,
      final String openKey,
      final String pendingAction) {
    final List<String> active = t.activeMsps();
    final int required = active.size() / 2 + 1;
    final long approvals = change.approvals().stream().filter(active::contains).count();
    final List<String> viewers = new ArrayList<>(t.allMsps());
    viewers.add(change.msp());
    if (approvals < required) {
      final MembershipChange pending = change.withTally(required, ChangeStatus.PENDING, null);
      Repository.save(ctx, pending);
      ctx.ledger().putString(openKey, pending.changeId());
      AuditLog.record(
          ctx,
          Change.of(
                  pendingAction,
                  "membershipChange",
                  pending.changeId(),
                  t.treatyId(),
                  viewers,
                  pending.status().name())
              .alsoUnder(t.treatyId()));
      return pending;
    }
    requireTransition(t, change.kind(), change.msp(), "changeId");
    final MembershipChange applied =
        change.withTally(required, ChangeStatus.APPLIED, ctx.nowString());
    Repository.save(ctx, applied);
    Repository.save(ctx, t.withMember(apply(t, applied, ctx.nowString()), ctx.nowString()));
    ctx.ledger().delete(openKey);
    AuditLog.record(
        ctx,
        Change.of(
                "treaty.membershipApplied",
                "membershipChange",
                applied.changeId(),
                t.treatyId(),
                viewers,
                applied.status().name())
            .alsoUnder(t.treatyId()));
    return applied;
  }

  private static Member apply(final Treaty t, final MembershipChange c, final String now) {
    final Optional<Member> m = t.member(c.msp());
    return switch (c.kind()) {
      case ADMIT -> new Member(c.msp(), c.jurisdiction(), c.lei(), MemberStatus.ACTIVE, now);
      case SUSPEND -> m.orElseThrow().withStatus(MemberStatus.SUSPENDED, now);
      case REINSTATE -> m.orElseThrow().withStatus(MemberStatus.ACTIVE, now);
      case WITHDRAW -> m.orElseThrow().withStatus(MemberStatus.WITHDRAWN, now);
    };
  }

  private static void requireTransition(
      final Treaty t, final ChangeKind kind, final String msp, final String field) {
    final MemberStatus s = t.member(msp).map(Member::status).orElse(null);
    final boolean ok =
        switch (kind) {
          case ADMIT -> s == null || s == MemberStatus.WITHDRAWN;
          case SUSPEND -> s == MemberStatus.ACTIVE;
          case REINSTATE -> s == MemberStatus.SUSPENDED;
          case WITHDRAW -> s == MemberStatus.ACTIVE || s == MemberStatus.SUSPENDED;
        };
    if (!ok) {
      throw ErrorCode.INVALID_STATE.exception(
          field,
          kind + " is not possible for " + msp + (s == null ? " (not a member)" : " (" + s + ")"));
    }
  }
}
