package org.regnet.chaincode.service;

import java.time.Duration;
import java.time.Instant;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.Disclosure;
import org.regnet.chaincode.model.DisclosureStatus;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.model.payload.InformationMessage;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.AssistanceRequests;

/**
 * Compelled disclosure outside the network (MMoU para 11): the party that must disclose first
 * notifies the other (the originator of what it holds) with the legal basis, and may record the
 * disclosure as made only once the treaty's objection window has passed. An objection stays on the
 * record beside the disclosure; every disclosure outside the network is in the request's record and
 * its audit trail, which both parties read.
 */
public final class DisclosureService {

  private DisclosureService() {}

  public static AssistanceRequest notice(
      final RegnetContext ctx, final AssistanceRequests.Notice raw) {
    final AssistanceRequests.Notice req = raw.validated();
    final AssistanceRequest r = party(ctx, req.requestId());
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    if (r.progress().disclosures().size() >= AssistanceReplies.MAX_PARTS) {
      throw ErrorCode.INVALID_STATE.exception("requestId", "too many disclosures");
    }
    final InformationMessage basis =
        Transient.payload(ctx.getStub(), InformationMessage.class).validated();
    final SealedPayload sealed = Sealing.seal(basis, Transient.salt(ctx.getStub()));
    final int seq = r.progress().disclosures().size() + 1;
    AssistanceStore.putSealed(ctx, r, "disclosure", seq, sealed);
    final Instant now = ctx.now();
    final Disclosure d =
        new Disclosure(
            seq,
            ctx.caller().msp(),
            req.body(),
            DisclosureStatus.NOTIFIED,
            now.toString(),
            now.plus(Duration.ofDays(t.terms().objectionDays())).toString(),
            null,
            null,
            sealed.hash());
    // the notice event reaches the other party's node before any disclosure can be recorded
    return AssistanceService.saved(
        ctx,
        r.with(r.progress().toBuilder().disclosure(d).at(now.toString()).build()),
        "assistance.disclosureNoticed",
        sealed.hash());
  }

  /** The other party objects within the window. */
  public static AssistanceRequest object(
      final RegnetContext ctx, final AssistanceRequests.DisclosureRef raw) {
    final AssistanceRequests.DisclosureRef req = raw.validated();
    final AssistanceRequest r = party(ctx, req.requestId());
    final Disclosure d = disclosure(r, req.seq());
    if (d.by().equals(ctx.caller().msp())) {
      throw ErrorCode.ACCESS_DENIED.exception("seq", "the notifying party cannot object");
    }
    if (d.status() != DisclosureStatus.NOTIFIED) {
      throw ErrorCode.INVALID_STATE.exception("seq", "disclosure is " + d.status());
    }
    final Instant now = ctx.now();
    if (now.isAfter(Instant.parse(d.objectionUntil()))) {
      throw ErrorCode.INVALID_STATE.exception("seq", "the objection window has closed");
    }
    return AssistanceService.saved(
        ctx,
        r.with(
            r.progress().toBuilder()
                .disclosure(d.objected(now.toString()))
                .at(now.toString())
                .build()),
        "assistance.disclosureObjected",
        null);
  }

  /** The notifying party records the disclosure as made, once the objection window has passed. */
  public static AssistanceRequest record(
      final RegnetContext ctx, final AssistanceRequests.DisclosureRef raw) {
    final AssistanceRequests.DisclosureRef req = raw.validated();
    final AssistanceRequest r = party(ctx, req.requestId());
    final Disclosure d = disclosure(r, req.seq());
    if (!d.by().equals(ctx.caller().msp())) {
      throw ErrorCode.ACCESS_DENIED.exception("seq", "only the notifying party records it");
    }
    if (d.status() == DisclosureStatus.DISCLOSED) {
      throw ErrorCode.CONFLICT.exception("seq", "disclosure already recorded");
    }
    final Instant now = ctx.now();
    if (!now.isAfter(Instant.parse(d.objectionUntil()))) {
      throw ErrorCode.INVALID_STATE.exception(
          "seq", "the objection window is open until " + d.objectionUntil());
    }
    return AssistanceService.saved(
        ctx,
        r.with(
            r.progress().toBuilder()
                .disclosure(d.disclosed(now.toString()))
                .at(now.toString())
                .build()),
        "assistance.disclosureRecorded",
        null);
  }

  private static AssistanceRequest party(final RegnetContext ctx, final String id) {
    final AssistanceRequest r = AssistanceStore.load(ctx, id);
    AssistanceService.requireParty(ctx.caller(), r);
    AccessPolicy.requireCurrentMember(ctx.caller(), Repository.treaty(ctx, r.treatyId()));
    return r;
  }

  private static Disclosure disclosure(final AssistanceRequest r, final int seq) {
    return r.progress().disclosures().stream()
        .filter(d -> d.seq() == seq)
        .findFirst()
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("seq", "no disclosure " + seq));
  }
}
