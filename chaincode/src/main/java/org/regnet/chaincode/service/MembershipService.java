package org.regnet.chaincode.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.channel.ConfigUpdateCheck;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.ChangeStatus;
import org.regnet.chaincode.model.ChannelUpdate;
import org.regnet.chaincode.model.ChannelUpdateSummary;
import org.regnet.chaincode.model.Member;
import org.regnet.chaincode.model.MemberStatus;
import org.regnet.chaincode.model.MembershipChange;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.ChangeRef;
import org.regnet.chaincode.request.ChannelSignatures;
import org.regnet.chaincode.request.MembershipChangeRequest;
import org.regnet.chaincode.state.Keys;

/**
 * Membership changes by quorum, and the channel updates they carry. A change ends: it is applied
 * when more than half of the currently active members approved, withdrawn by its proposer, or
 * expired once the treaty's deadline passed; then the MSP is free for a new proposal (a fresh
 * channel update after a failed one, too).
 */
public final class MembershipService {

  private MembershipService() {}

  public static MembershipChange propose(
      final RegnetContext ctx, final MembershipChangeRequest raw) {
    final MembershipChangeRequest req = raw.validated();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    final Caller c = ctx.caller();
    AccessPolicy.requireActiveMember(c, t);
    final boolean channelOnly = channelRetry(t, req);
    if (!channelOnly) {
      requireTransition(t, req.kind(), req.msp(), "kind");
    }
    final String openKey = openKey(ctx, t, req.msp());
    closeIfExpired(ctx, t, openKey);
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
            null,
            ctx.now().plus(Duration.ofDays(t.terms().changeDeadlineDays())).toString(),
            channelOnly,
            null,
            req.signatory());
    if (req.channelUpdate() != null) {
      final byte[] bytes =
          ChannelSignatures.decode(
              "channelUpdate", req.channelUpdate(), ChannelSignatures.MAX_UPDATE_BYTES);
      // the update must change exactly what this change says, and keep every other member
      final Set<String> keep = new TreeSet<>();
      t.members().stream()
          .filter(m -> m.status() != MemberStatus.WITHDRAWN)
          .forEach(m -> keep.add(m.msp()));
      final ChannelUpdateSummary summary =
          ConfigUpdateCheck.verify(
              req.kind(), req.msp(), ctx.getStub().getChannelId(), bytes, keep);
      ChannelUpdate update =
          new ChannelUpdate(id, req.channelUpdate(), Hashes.sha256Hex(bytes), summary, Map.of());
      if (req.channelSignature() != null) {
        update = update.withSignature(c.msp(), signature(c, req.channelSignature()));
      }
      ctx.ledger()
          .put(ctx.ledger().key(Keys.MCHANGE_CHANNEL, id), update, Repository.treatyWide(t));
    }
    return tallyAndSave(ctx, t, proposed, openKey, "treaty.membershipProposed");
  }

  public static MembershipChange approve(final RegnetContext ctx, final ChangeRef raw) {
    final ChangeRef req = raw.validated();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    final MembershipChange change = changeIn(ctx, t, req.changeId());
    final Caller c = ctx.caller();
    AccessPolicy.requireActiveMember(c, t);
    requirePending(ctx, change);
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
      ctx.ledger()
          .put(
              key,
              update.withSignature(c.msp(), signature(c, req.channelSignature())),
              Repository.treatyWide(t));
    }
    return tallyAndSave(
        ctx,
        t,
        change.withApproval(c.msp()),
        openKey(ctx, t, change.msp()),
        "treaty.membershipApproved");
  }

  /** The proposer's organisation takes back a pending change; it ends WITHDRAWN. */
  public static MembershipChange withdraw(final RegnetContext ctx, final ChangeRef raw) {
    final ChangeRef req = raw.validated();
    if (req.channelSignature() != null) {
      throw ErrorCode.VALIDATION_FAILED.exception("channelSignature", "not accepted here");
    }
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    final MembershipChange change = changeIn(ctx, t, req.changeId());
    final Caller c = ctx.caller();
    AccessPolicy.requireMember(c, t);
    if (!change.proposedBy().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "changeId", "only the proposer " + change.proposedBy() + " may withdraw it");
    }
    if (change.status() != ChangeStatus.PENDING) {
      throw ErrorCode.INVALID_STATE.exception(
          "changeId", "membership change is " + change.status());
    }
    final MembershipChange withdrawn = change.closed(ChangeStatus.WITHDRAWN, ctx.nowString());
    close(ctx, t, withdrawn, "treaty.membershipWithdrawn");
    return withdrawn;
  }

  /** A member's view: a pending change past its deadline reads as EXPIRED. */
  public static MembershipChange getChange(final RegnetContext ctx, final ChangeRef raw) {
    final ChangeRef req = raw.validated();
    if (req.channelSignature() != null) {
      throw ErrorCode.VALIDATION_FAILED.exception("channelSignature", "not accepted by queries");
    }
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireMember(ctx.caller(), t);
    final MembershipChange change = changeIn(ctx, t, req.changeId());
    return change.expiredAt(ctx.now()) ? change.closed(ChangeStatus.EXPIRED, null) : change;
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

  private static MembershipChange changeIn(
      final RegnetContext ctx, final Treaty t, final String changeId) {
    final MembershipChange change = Repository.change(ctx, changeId);
    if (!change.treatyId().equals(t.treatyId())) {
      throw ErrorCode.NOT_FOUND.exception(
          "changeId", "no membership change " + changeId + " in " + t.treatyId());
    }
    return change;
  }

  private static void requirePending(final RegnetContext ctx, final MembershipChange change) {
    if (change.status() != ChangeStatus.PENDING) {
      throw ErrorCode.INVALID_STATE.exception(
          "changeId", "membership change is " + change.status());
    }
    if (change.expiredAt(ctx.now())) {
      throw ErrorCode.INVALID_STATE.exception(
          "changeId", "membership change expired at " + change.expiresAt());
    }
  }

  /**
   * A pending change blocks new ones for its MSP until it ends; one past its deadline is recorded
   * as EXPIRED here, so nothing waits for a vote that can no longer come.
   */
  private static void closeIfExpired(
      final RegnetContext ctx, final Treaty t, final String openKey) {
    final String openId = ctx.ledger().stub().getStringState(openKey);
    if (openId == null || openId.isEmpty()) {
      return;
    }
    final MembershipChange open = Repository.change(ctx, openId);
    if (!open.expiredAt(ctx.now())) {
      throw ErrorCode.CONFLICT.exception(
          "msp", "a membership change for " + open.msp() + " is already pending");
    }
    // one event and audit entry per transaction: the new proposal's; the expired change shows
    // its own end in its status and closedAt
    Repository.save(ctx, open.closed(ChangeStatus.EXPIRED, ctx.nowString()));
  }

  private static void close(
      final RegnetContext ctx, final Treaty t, final MembershipChange ended, final String action) {
    Repository.save(ctx, ended);
    ctx.ledger().delete(openKey(ctx, t, ended.msp()));
    AuditLog.record(
        ctx,
        Change.of(
                action,
                "membershipChange",
                ended.changeId(),
                t.treatyId(),
                viewers(t, ended),
                ended.status().name())
            .alsoUnder(t.treatyId()));
  }

  /**
   * A fresh channel update for a change the registry already applied, whose own update failed at
   * the orderer: ADMIT of an active member, or WITHDRAW of a withdrawn one, with a channel update.
   */
  private static boolean channelRetry(final Treaty t, final MembershipChangeRequest req) {
    if (req.channelUpdate() == null) {
      return false;
    }
    final MemberStatus s = t.member(req.msp()).map(Member::status).orElse(null);
    return (req.kind() == ChangeKind.ADMIT && s == MemberStatus.ACTIVE)
        || (req.kind() == ChangeKind.WITHDRAW && s == MemberStatus.WITHDRAWN);
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

  /**
   * Counts, at every vote, the approvals of the members active now against more than half of the
   * members active now: approvals of members suspended or withdrawn since do not count, and the
   * required number follows the current membership.
   */
  private static MembershipChange tallyAndSave(
      final RegnetContext ctx,
      final Treaty t,
      final MembershipChange change,
      final String openKey,
      final String pendingAction) {
    final List<String> active = t.activeMsps();
    final int required = active.size() / 2 + 1;
    final long approvals = change.approvals().stream().filter(active::contains).count();
    if (approvals < required) {
      final MembershipChange pending = change.withTally(required, ChangeStatus.PENDING, null);
      Repository.save(ctx, pending);
      ctx.ledger().putString(openKey, pending.changeId(), Repository.treatyWide(t));
      AuditLog.record(
          ctx,
          Change.of(
                  pendingAction,
                  "membershipChange",
                  pending.changeId(),
                  t.treatyId(),
                  viewers(t, pending),
                  pending.status().name())
              .alsoUnder(t.treatyId()));
      return pending;
    }
    final MembershipChange applied =
        change.withTally(required, ChangeStatus.APPLIED, ctx.nowString());
    if (!change.channelOnly()) {
      requireTransition(t, change.kind(), change.msp(), "changeId");
      Repository.save(ctx, t.withMember(apply(t, applied, ctx.nowString()), ctx.nowString()));
    }
    Repository.save(ctx, applied);
    ctx.ledger().delete(openKey);
    AuditLog.record(
        ctx,
        Change.of(
                "treaty.membershipApplied",
                "membershipChange",
                applied.changeId(),
                t.treatyId(),
                viewers(t, applied),
                applied.status().name())
            .alsoUnder(t.treatyId()));
    return applied;
  }

  private static List<String> viewers(final Treaty t, final MembershipChange change) {
    final List<String> viewers = new ArrayList<>(t.allMsps());
    viewers.add(change.msp());
    return viewers;
  }

  private static String openKey(final RegnetContext ctx, final Treaty t, final String msp) {
    return ctx.ledger().key(Keys.MCHANGE_OPEN, t.treatyId(), msp);
  }

  private static Member apply(final Treaty t, final MembershipChange c, final String now) {
    final Optional<Member> m = t.member(c.msp());
    return switch (c.kind()) {
      case ADMIT ->
          new Member(c.msp(), c.jurisdiction(), c.lei(), MemberStatus.ACTIVE, now, c.signatory());
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
