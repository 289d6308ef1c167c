package org.regnet.chaincode.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.Exchange;
import org.regnet.chaincode.model.PayloadAccess;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.model.payload.InformationMessage;
import org.regnet.chaincode.model.payload.ReferralPayload;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.ReferralActionRequest;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;

/**
 * Reading confidential payloads in two steps: {@code readPayload} (SUBMIT) records the access and
 * returns a receipt; {@code fetchPayload} (EVALUATE, on the caller's own peer) reads the caller's
 * implicit collection and returns the data to the same identity. A SUBMIT result is written into
 * the block, so it must never carry the payload.
 */
public final class PayloadService {

  static final Duration ACCESS_VALIDITY = Duration.ofMinutes(15);

  private PayloadService() {}

  /** The receipt returned by {@code referral:readPayload}. */
  public record Receipt(
      String accessId,
      String referralId,
      PermittedUse purpose,
      String payloadHash,
      String validUntil) {}

  /** A confidential exchange as returned by {@code referral:fetchPayload}. */
  public record ExchangeContent(
      int seq,
      String kind,
      String by,
      String at,
      String hash,
      String salt,
      InformationMessage message) {}

  /** The result of {@code referral:fetchPayload}. */
  public record Content(
      String referralId,
      String accessId,
      PermittedUse purpose,
      String payloadHash,
      String salt,
      ReferralPayload payload,
      List<ExchangeContent> exchanges) {}

  public static Receipt read(final RegnetContext ctx, final ReferralActionRequest.Read raw) {
    final ReferralActionRequest.Read req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    final Caller c = ctx.caller();
    AccessPolicy.requireReferralParty(c, r);
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    AccessPolicy.requireCurrentMember(c, t);
    AccessPolicy.requireUse(c, r, t, req.purpose());
    // no private read here: the read/write set must be the same on every endorsing peer (the
    // chaincode policy needs more than one organisation); the read is fetch(), on the own peer
    final Instant now = ctx.now();
    final PayloadAccess access =
        new PayloadAccess(
            ctx.txId(),
            r.referralId(),
            c.msp(),
            c.certId(),
            req.purpose(),
            r.payloadHash(),
            now.toString(),
            now.plus(ACCESS_VALIDITY).toString());
    ctx.ledger()
        .put(
            accessKey(ctx, r.referralId(), ctx.txId()),
            access,
            Endorsement.allOf(List.of(r.originator(), r.recipient(), c.msp())));
    AuditLog.record(
        ctx,
        ReferralService.change(r, "referral.payloadAccessed").withPayloadHash(r.payloadHash()));
    return new Receipt(
        access.accessId(), r.referralId(), req.purpose(), r.payloadHash(), access.validUntil());
  }

  public static Content fetch(final RegnetContext ctx, final ReferralActionRequest.Fetch raw) {
    final ReferralActionRequest.Fetch req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    final Caller c = ctx.caller();
    AccessPolicy.requireReferralParty(c, r);
    AccessPolicy.requireOwnPeer(ctx.getStub(), c);
    final PayloadAccess access =
        ctx.ledger()
            .get(accessKey(ctx, r.referralId(), req.accessId()), PayloadAccess.class)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.exception(
                        "accessId", "no recorded access " + req.accessId()));
    if (!access.msp().equals(c.msp()) || !access.certId().equals(c.certId())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "accessId", "the access was recorded for another identity");
    }
    final Instant now = ctx.now();
    if (!now.isBefore(Instant.parse(access.validUntil()))
        || now.isBefore(Instant.parse(access.at()))) {
      throw ErrorCode.INVALID_STATE.exception(
          "accessId", "the access is not valid at the transaction time");
    }
    final SealedPayload sealed = sealed(ctx, r, c.msp());
    final List<ExchangeContent> exchanges = new ArrayList<>();
    if (c.msp().equals(r.originator()) || c.msp().equals(r.recipient())) {
      for (Exchange e : r.exchanges()) {
        final SealedPayload s =
            Repository.pairStore(ctx, r)
                .get(ReferralService.exchangeKey(ctx, r.referralId(), e.seq()), SealedPayload.class)
                .orElseThrow(
                    () ->
                        ErrorCode.NOT_FOUND.exception(
                            "exchanges", "message " + e.seq() + " not on this peer"));
        exchanges.add(
            new ExchangeContent(
                e.seq(),
                e.kind().name(),
                e.by(),
                e.at(),
                e.hash(),
                s.salt(),
                Json.read(
                    s.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    InformationMessage.class)));
      }
    }
    return new Content(
        r.referralId(),
        access.accessId(),
        access.purpose(),
        sealed.hash(),
        sealed.salt(),
        Json.read(
            sealed.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            ReferralPayload.class),
        exchanges);
  }

  /**
   * The payload as {@code msp}'s peer holds it: a party's in the pair's collection, an onward
   * recipient's in its pair collection with the recipient (where {@code deliverOnward} put it).
   */
  static SealedPayload sealed(final RegnetContext ctx, final Referral r, final String msp) {
    final String key = ctx.ledger().key(Keys.PRIVATE_PAYLOAD, r.referralId());
    final boolean party = msp.equals(r.originator()) || msp.equals(r.recipient());
    return (party
            ? Repository.pairStore(ctx, r).get(key, SealedPayload.class)
            : Repository.onwardStore(ctx, r, msp).get(key, SealedPayload.class))
        .orElseThrow(
            () ->
                ErrorCode.NOT_FOUND.exception("referralId", "payload not available on this peer"));
  }

  private static String accessKey(
      final RegnetContext ctx, final String referralId, final String accessId) {
    return ctx.ledger().key(Keys.REFERRAL_ACCESS, referralId, accessId);
  }
}
