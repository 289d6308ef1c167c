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
 */
public final class RetentionService {

  private RetentionService() {}

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
