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
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.PairStore;

/**
 * Reading confidential payloads in two steps: {@code readPayload} (SUBMIT) records the access and
 * returns a receipt; {@code fetchPayload} (EVALUATE, on the caller's own peer) reads the caller's
 * implicit collection and returns the data to the same certificate. A SUBMIT result is written into
 * the block, so it must never carry the payload.
 *
 * <p>Every fetch needs its own recorded access (docs/chaincode-design.md, "Audited reads"). A query
 * cannot write, so the chaincode cannot mark an access used; what it enforces instead: the access
 * serves only the certificate that recorded it (SHA-256 fingerprint, not the subject DN), only
 * while it is that certificate's latest access on the referral (recording a new one supersedes it),
 * and only within {@link #ACCESS_WINDOW} of its time by the peer's own clock. The node uses each
 * access for exactly one fetch and records that in its database.
 */
public final class PayloadService {

  /** How long after it is recorded an access may serve its one fetch, by the peer's clock. */
  public static final Duration ACCESS_WINDOW = Duration.ofSeconds(60);

  /**
   * How far ahead of the peer's clock an access's time may be: the access's time is the client's
   * proposal timestamp, and clocks differ a little; a client that post-dates its proposal further
   * only delays its own window, which never grows beyond {@code ACCESS_WINDOW + CLOCK_SKEW}.
   */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  /** The value under {@code Keys.REFERRAL_ACCESS_LATEST}. */
  public record LatestAccess(String accessId) {}

  private PayloadService() {}

  /**
   * The receipt returned by {@code referral:readPayload}: it is in the block, so it names only the
   * access (the transaction id) and its public expiry, never the referral.
   */
  public record Receipt(String accessId, String validUntil) {}

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
            c.certFingerprint(),
            req.purpose(),
            r.payloadHash(),
            now.toString(),
            now.plus(ACCESS_WINDOW).toString());
    // in the reader's pair collection (a party's: the referral's pair; an onward recipient's: its
    // pair with the recipient), never public (decision 0020)
    final PairStore store = Repository.storeOf(ctx, r, c.msp());
    store.put(accessKey(ctx, r.referralId(), ctx.txId()), access);
    // a blind write: concurrent reads by one certificate never conflict, the last one wins
    store.put(
        latestKey(ctx, r.referralId(), c.certFingerprint()), new LatestAccess(access.accessId()));
    final List<String> pair = store.members();
    AuditLog.record(
        ctx,
        ReferralService.change(r, "referral.payloadAccessed")
            .inPair(pair.get(0), pair.get(1))
            .withPayloadHash(r.payloadHash()));
    return new Receipt(access.accessId(), access.validUntil());
  }

  public static Content fetch(final RegnetContext ctx, final ReferralActionRequest.Fetch raw) {
    final ReferralActionRequest.Fetch req = raw.validated();
    final Caller c = ctx.caller();
    AccessPolicy.requireOwnPeer(ctx.getStub(), c);
    final Referral r = Repository.referral(ctx, req.referralId());
    AccessPolicy.requireReferralParty(c, r);
    final PairStore store = Repository.storeOf(ctx, r, c.msp());
    final PayloadAccess access =
        store
            .get(accessKey(ctx, r.referralId(), req.accessId()), PayloadAccess.class)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.exception(
                        "accessId", "no recorded access " + req.accessId()));
    if (!access.msp().equals(c.msp()) || !access.certFingerprint().equals(c.certFingerprint())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "accessId", "the access was recorded for another certificate");
    }
    final String latest =
        store
            .get(latestKey(ctx, r.referralId(), c.certFingerprint()), LatestAccess.class)
            .map(LatestAccess::accessId)
            .orElse("");
    if (!latest.equals(access.accessId())) {
      throw ErrorCode.INVALID_STATE.exception(
          "accessId", "the access was superseded by a later access of this certificate");
    }
    // the peer's clock, not the proposal's timestamp, which the client chooses
    final Instant peerNow = ctx.peerNow();
    final Instant at = Instant.parse(access.at());
    if (!peerNow.isBefore(at.plus(ACCESS_WINDOW)) || peerNow.isBefore(at.minus(CLOCK_SKEW))) {
      throw ErrorCode.INVALID_STATE.exception(
          "accessId", "the access is not valid at this peer's time; record a new access");
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

  private static String latestKey(
      final RegnetContext ctx, final String referralId, final String certFingerprint) {
    return ctx.ledger().key(Keys.REFERRAL_ACCESS_LATEST, referralId, certFingerprint);
  }

  private static String accessKey(
      final RegnetContext ctx, final String referralId, final String accessId) {
    return ctx.ledger().key(Keys.REFERRAL_ACCESS, referralId, accessId);
  }
}
