package org.regnet.chaincode.service;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.Consent;
import org.regnet.chaincode.model.ConsentStatus;
import org.regnet.chaincode.model.OnwardGrant;
import org.regnet.chaincode.model.OnwardShare;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.ReferralLocator;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.model.payload.ReferralPayload;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.ReferralActionRequest;
import org.regnet.chaincode.state.Keys;

/** The originator's consent to other uses and to onward sharing, and the onward share itself. */
public final class ConsentService {

  static final int MAX_CONSENTS = 20;

  private ConsentService() {}

  public static Referral request(
      final RegnetContext ctx, final ReferralActionRequest.RequestConsent raw) {
    final ReferralActionRequest.RequestConsent req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    final Caller c = ctx.caller();
    AccessPolicy.requireRecipient(c, r);
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    AccessPolicy.requireCurrentMember(c, t);
    if (!t.terms().permittedUses().contains(req.use())) {
      throw ErrorCode.OUT_OF_SCOPE.exception("use", req.use() + " is not permitted by the treaty");
    }
    if (req.recipient().equals(r.originator())) {
      throw ErrorCode.VALIDATION_FAILED.exception("recipient", "the originator needs no consent");
    }
    if (req.recipient().equals(c.msp()) && r.purposes().contains(req.use())) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "use", req.use() + " is already a stated purpose");
    }
    if (!req.recipient().equals(c.msp()) && !t.activeMember(req.recipient())) {
      throw ErrorCode.INVALID_STATE.exception(
          "recipient", req.recipient() + " is not an active member of the treaty");
    }
    if (r.consents().stream()
        .anyMatch(x -> x.recipient().equals(req.recipient()) && x.use() == req.use())) {
      throw ErrorCode.CONFLICT.exception(
          "use", "consent for " + req.recipient() + " and " + req.use() + " already requested");
    }
    if (r.consents().size() >= MAX_CONSENTS) {
      throw ErrorCode.INVALID_STATE.exception(
          "referralId", "at most " + MAX_CONSENTS + " consents per referral");
    }
    final String at = ctx.nowString();
    final Consent consent =
        new Consent(
            ctx.newId("CNS"),
            c.msp(),
            req.recipient(),
            req.use(),
            ConsentStatus.REQUESTED,
            at,
            null);
    return saved(ctx, r.withConsent(consent, at), "referral.consentRequested");
  }

  public static Referral grant(
      final RegnetContext ctx, final ReferralActionRequest.ConsentRef raw) {
    final ReferralActionRequest.ConsentRef req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    final Caller c = ctx.caller();
    AccessPolicy.requireOriginator(c, r);
    AccessPolicy.requireCurrentMember(c, Repository.treaty(ctx, r.treatyId()));
    final Consent consent = consent(r, req.consentId());
    if (consent.status() != ConsentStatus.REQUESTED) {
      throw ErrorCode.INVALID_STATE.exception("consentId", "consent is " + consent.status());
    }
    final String at = ctx.nowString();
    return saved(ctx, r.withConsent(consent.granted(at), at), "referral.consentGranted");
  }

  /**
   * Records the onward share a granted consent allows (the recipient's step, endorsed by both
   * parties as the referral's key-level policy needs). No payload travels here: {@link #deliver}
   * puts it into the recipient's and the third member's pair collection, in a transaction that only
   * those two peers endorse, because a gateway sends transient data only to members of every
   * collection a transaction writes (decision 0013).
   */
  public static Referral shareOnward(
      final RegnetContext ctx, final ReferralActionRequest.ConsentRef raw) {
    final ReferralActionRequest.ConsentRef req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    final Consent consent = grantedOnward(ctx, r, req.consentId());
    if (r.onwardShareFor(consent.recipient()).isPresent()) {
      throw ErrorCode.CONFLICT.exception("consentId", "already shared with " + consent.recipient());
    }
    final String at = ctx.nowString();
    final Referral next =
        r.withOnwardShare(
            new OnwardShare(consent.recipient(), consent.use(), consent.consentId(), at), at);
    Repository.save(ctx, next);
    ctx.ledger()
        .put(
            grantKey(ctx, r.referralId(), consent.recipient()),
            new OnwardGrant(r.payloadHash(), Hashes.sha256Hex(Json.bytes(next))),
            Repository.pair(r));
    AuditLog.record(
        ctx,
        ReferralService.change(next, "referral.sharedOnward").withPayloadHash(r.payloadHash()));
    return next;
  }

  /**
   * Delivers the payload of a recorded onward share into the pair collection of the recipient (the
   * only party that shares) and the third member. The sharer sends the payload and salt it fetched
   * and the record as its peer holds it; they must match the hashes of the parties' public grant
   * ({@link OnwardGrant}), so the sharer can alter neither. Writes nothing public: the payload, the
   * third member's copy of the record, and the audit entry and event details go into that pair's
   * collection, so that the two peers of that pair suffice to endorse it (decision 0020).
   */
  public static Referral deliver(
      final RegnetContext ctx, final ReferralActionRequest.ConsentRef raw) {
    final ReferralActionRequest.ConsentRef req = raw.validated();
    // the endorsers (the recipient's and the third member's peers) share no collection holding the
    // record: the sharer sends it, and the parties' public grant vouches for it
    final ReferralLocator loc = Repository.locate(ctx, req.referralId());
    if (!ctx.caller().msp().equals(loc.recipient())) {
      throw ErrorCode.ACCESS_DENIED.exception("referralId", "only the recipient shares onward");
    }
    final Referral r =
        Json.parse(
            "transient.record",
            Transient.required(ctx.getStub(), "record", Transient.MAX_PAYLOAD),
            Transient.MAX_PAYLOAD,
            Referral.class);
    if (!r.referralId().equals(req.referralId())) {
      throw ErrorCode.VALIDATION_FAILED.exception("transient.record", "another referral");
    }
    // the consent checks first (they only refuse), then the parties' grant vouches for the record
    final Consent consent = grantedOnward(ctx, r, req.consentId());
    final OnwardGrant grant =
        ctx.ledger()
            .get(grantKey(ctx, r.referralId(), consent.recipient()), OnwardGrant.class)
            .orElseThrow(
                () ->
                    ErrorCode.INVALID_STATE.exception(
                        "consentId",
                        "the onward share to " + consent.recipient() + " is not recorded yet"));
    if (!grant.recordHash().equals(Hashes.sha256Hex(Json.bytes(r)))) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient.record", "not the record the parties recorded with the share");
    }
    final ReferralPayload payload =
        Transient.payload(ctx.getStub(), ReferralPayload.class).validated();
    final SealedPayload sealed = Sealing.seal(payload, Transient.salt(ctx.getStub()));
    if (!sealed.hash().equals(r.payloadHash())) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient.payload", "payload and salt do not match the referral's payloadHash");
    }
    final org.regnet.chaincode.state.PairStore onward =
        Repository.onwardStore(ctx, r, consent.recipient());
    onward.put(ctx.ledger().key(Keys.PRIVATE_PAYLOAD, r.referralId()), sealed);
    // the onward recipient's copy of the record, as it stood when shared (decision 0020)
    onward.put(Repository.referralKey(ctx, r.referralId()), r);
    // the third member learns of the share from this transaction's pair event (its node cannot
    // read the parties' collection, where shareOnward recorded it)
    final java.util.List<String> pair = onward.members();
    AuditLog.record(
        ctx,
        ReferralService.change(r, "referral.sharedOnward")
            .inPair(pair.get(0), pair.get(1))
            .withPayloadHash(r.payloadHash()));
    return r;
  }

  /**
   * The consent of the caller (the recipient) to share onward, granted, to a still active member.
   */
  private static Consent grantedOnward(
      final RegnetContext ctx, final Referral r, final String consentId) {
    final Caller c = ctx.caller();
    AccessPolicy.requireRecipient(c, r);
    final Consent consent = consent(r, consentId);
    if (consent.status() != ConsentStatus.GRANTED) {
      throw ErrorCode.CONSENT_REQUIRED.exception(
          "consentId", "the originator has not granted this consent");
    }
    if (consent.recipient().equals(c.msp())) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "consentId", "this consent is for the recipient's own use");
    }
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    AccessPolicy.requireCurrentMember(c, t);
    if (!t.activeMember(consent.recipient())) {
      throw ErrorCode.INVALID_STATE.exception(
          "consentId", consent.recipient() + " is no longer an active member");
    }
    return consent;
  }

  private static String grantKey(final RegnetContext ctx, final String id, final String onward) {
    return ctx.ledger()
        .key(
            Keys.ONWARD_GRANT,
            Hashes.sha256Hex(
                id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {0},
                onward.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static Consent consent(final Referral r, final String id) {
    return r.consent(id)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("consentId", "no consent " + id));
  }

  private static Referral saved(final RegnetContext ctx, final Referral next, final String action) {
    Repository.save(ctx, next);
    AuditLog.record(ctx, ReferralService.change(next, action));
    return next;
  }
}
