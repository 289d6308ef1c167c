package org.regnet.chaincode.service;

import java.time.Duration;
import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.AssistanceRequests;

/**
 * Retention that ends (GDPR Art. 5(1)(e); the treaty's {@code retentionDays}): once a request's
 * final reply is older than the treaty's retention, either party purges every private part from
 * both parties' collections with Fabric's PurgePrivateData (history included; only the hashes
 * stay). The record stays with {@code purgedAt}, and the audit entry {@code assistance.purged} is
 * the deletion record an auditor shows.
 *
 * <p>A transaction cannot read a clock, and its timestamp is the client's choice: a party could
 * otherwise purge early by dating its proposal in the future, or make a late purge look on time by
 * dating it in the past. Fabric's endorsers refuse proposals outside their configured time window
 * (15 minutes by default); on top of that, whatever a peer's window, each endorsing peer's
 * chaincode compares the timestamp with its own clock and refuses one more than {@link
 * #CLOCK_TOLERANCE} away (docs/decisions/0022). The comparison only refuses, it writes nothing, so
 * endorsements that accept carry the same read/write set; and since both parties' peers must
 * endorse a purge, a party whose own machines run fast cannot purge alone.
 */
public final class RetentionService {

  /** How far a purge's timestamp may be from each endorsing peer's clock. */
  public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

  private RetentionService() {}

  /**
   * Refuses a transaction dated more than {@link #CLOCK_TOLERANCE} from this endorsing peer's clock
   * (a purge of a college's pair too, decision 0035).
   */
  static void requirePeerClock(final RegnetContext ctx, final Instant now) {
    final Instant peer = ctx.peerNow();
    if (Duration.between(peer, now).abs().compareTo(CLOCK_TOLERANCE) > 0) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "txTimestamp",
          "more than " + CLOCK_TOLERANCE.toMinutes() + " minutes from the endorsing peer's clock");
    }
  }

  public static AssistanceRequest purge(final RegnetContext ctx, final AssistanceRequests.Ref ref) {
    final AssistanceRequest r = AssistanceStore.load(ctx, ref.id());
    AssistanceService.requireParty(ctx.caller(), r);
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    AccessPolicy.requireCurrentMember(ctx.caller(), t);
    if (r.progress().purgedAt() != null) {
      throw ErrorCode.CONFLICT.exception("requestId", "purged at " + r.progress().purgedAt());
    }
    if (!AssistanceService.answered(r)) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "retention runs from the final reply");
    }
    final Instant ends =
        Instant.parse(r.progress().finalReplyAt()).plus(Duration.ofDays(t.terms().retentionDays()));
    final Instant now = ctx.now();
    requirePeerClock(ctx, now);
    if (now.isBefore(ends)) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "retention runs until " + ends);
    }
    AssistanceStore.purgeSealed(ctx, r);
    final String at = now.toString();
    return AssistanceService.saved(
        ctx,
        r.with(r.progress().toBuilder().purgedAt(at).at(at).build()),
        "assistance.purged",
        null);
  }
}
