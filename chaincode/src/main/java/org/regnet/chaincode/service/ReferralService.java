package org.regnet.chaincode.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.access.Turns;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.Exchange;
import org.regnet.chaincode.model.ExchangeKind;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.ReferralStatus;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.model.payload.InformationMessage;
import org.regnet.chaincode.model.payload.ReferralPayload;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.request.IdRef;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.request.ReferralActionRequest;
import org.regnet.chaincode.request.SubmitReferralRequest;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Page;
import org.regnet.chaincode.state.PairStore;

/** Referral submission and life cycle. */
public final class ReferralService {

  static final int MAX_EXCHANGES = 100;

  private ReferralService() {}

  public static Referral submit(final RegnetContext ctx, final SubmitReferralRequest raw) {
    final SubmitReferralRequest req = raw.validated();
    final ReferralPayload payload =
        Transient.payload(ctx.getStub(), ReferralPayload.class).validated();
    final byte[] salt = Transient.salt(ctx.getStub());
    final Caller c = ctx.caller();
    final AgreementOpening opening =
        AgreementOpening.check(
            ctx, req.agreementId(), req.instrumentClass(), req.dataClasses(), req.purposes());
    final Agreement a = opening.agreement();
    final Treaty t = opening.treaty();
    final String recipient = opening.counterparty();
    final Instant now = opening.now();
    final String id = ctx.keyedId("REF");
    if (ctx.ledger().exists(Repository.locatorKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("referralId", "referral " + id + " already exists");
    }
    final SealedPayload sealed = Sealing.seal(payload, salt);
    final String at = now.toString();
    final Referral r =
        new Referral(
            id,
            t.treatyId(),
            a.agreementId(),
            c.msp(),
            recipient,
            req.typology(),
            req.instrumentClass(),
            req.dataClasses(),
            req.purposes(),
            ReferralStatus.SUBMITTED,
            null,
            null,
            sealed.hash(),
            now.plus(Duration.ofDays(t.terms().responseDeadlineDays())).toString(),
            at,
            at,
            List.of(),
            List.of(),
            List.of());
    // the record, its indexes, payload and audit entry go to the pair's own collection: only the
    // parties' peers hold them, and a standard client's gateway then picks only their peers to
    // endorse (decisions 0013, 0020); public state gets the locator, under the id's hash
    Repository.save(ctx, r);
    Repository.saveLocator(ctx, r);
    final PairStore store = Repository.pairStore(ctx, r);
    store.put(ctx.ledger().key(Keys.PRIVATE_PAYLOAD, id), sealed);
    final String ts = Keys.sortable(now);
    store.put(ctx.ledger().key(Keys.REFERRAL_OUTBOX, c.msp(), ts, id), id);
    store.put(ctx.ledger().key(Keys.REFERRAL_INBOX, recipient, ts, id), id);
    AuditLog.record(ctx, change(r, "referral.submitted").withPayloadHash(r.payloadHash()));
    return r;
  }

  /** acknowledge and startInvestigation: the step table decides who and from where. */
  public static Referral step(
      final RegnetContext ctx, final IdRef.ReferralRef ref, final String action) {
    final Referral r = Repository.referral(ctx, ref.id());
    final Turns.Step step = turn(ctx, r);
    return saved(ctx, r.withStatus(step.to(), ctx.nowString()), action, null);
  }

  public static Referral close(final RegnetContext ctx, final ReferralActionRequest.Close raw) {
    final ReferralActionRequest.Close req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    turn(ctx, r);
    return saved(ctx, r.closed(req.outcome(), ctx.nowString()), "referral.closed", null);
  }

  public static Referral decline(final RegnetContext ctx, final ReferralActionRequest.Decline raw) {
    final ReferralActionRequest.Decline req = raw.validated();
    final Referral r = Repository.referral(ctx, req.referralId());
    turn(ctx, r);
    final Treaty t = Repository.treaty(ctx, r.treatyId());
    if (!t.terms().refusalGrounds().contains(req.refusalGround())) {
      throw ErrorCode.OUT_OF_SCOPE.exception(
          "refusalGround", req.refusalGround() + " is not a refusal ground of the treaty");
    }
    return saved(ctx, r.declined(req.refusalGround(), ctx.nowString()), "referral.declined", null);
  }

  /** requestInformation (recipient) and provideInformation (originator): a private message each. */
  public static Referral exchange(
      final RegnetContext ctx,
      final IdRef.ReferralRef ref,
      final ExchangeKind kind,
      final String action) {
    final Referral r = Repository.referral(ctx, ref.id());
    final Turns.Step step = turn(ctx, r);
    final InformationMessage message =
        Transient.payload(ctx.getStub(), InformationMessage.class).validated();
    final byte[] salt = Transient.salt(ctx.getStub());
    if (r.exchanges().size() >= MAX_EXCHANGES) {
      throw ErrorCode.INVALID_STATE.exception(
          "referralId", "at most " + MAX_EXCHANGES + " information exchanges");
    }
    final SealedPayload sealed = Sealing.seal(message, salt);
    final int seq = r.exchanges().size() + 1;
    final String key = exchangeKey(ctx, r.referralId(), seq);
    Repository.pairStore(ctx, r).put(key, sealed);
    final String at = ctx.nowString();
    final Exchange e = new Exchange(seq, kind, ctx.caller().msp(), at, sealed.hash());
    return saved(ctx, r.withExchange(e, step.to(), at), action, sealed.hash());
  }

  public static Referral get(final RegnetContext ctx, final IdRef.ReferralRef ref) {
    final Referral r = Repository.referral(ctx, ref.id());
    AccessPolicy.requireReferralParty(ctx.caller(), r);
    return r;
  }

  /**
   * The caller's inbox or outbox: its index in each of its authority's pair collections, merged in
   * key order (time, then id). Bookmark: the last index key returned.
   */
  public static Page<Referral> list(
      final RegnetContext ctx, final PageRequest req, final boolean inbox) {
    final String type = inbox ? Keys.REFERRAL_INBOX : Keys.REFERRAL_OUTBOX;
    final String msp = ctx.caller().msp();
    final CompositeKey prefix = new CompositeKey(type, msp);
    final String start = prefix.toString();
    final String end = start + Character.toString(Character.MAX_CODE_POINT);
    return ctx.ledger()
        .mergedPage(
            start,
            end,
            PageRequest.size(req.pageSize()),
            PageRequest.mark(req.bookmark()),
            AuditLog.pairIndexes(ctx, type, INDEX_SCAN),
            kv -> Repository.referral(ctx, Json.read(kv.getValue(), String.class)));
  }

  /**
   * How many index entries a listing reads per pair: private data has no paged queries, so a page
   * reads each pair's index up to here and merges.
   */
  static final int INDEX_SCAN = 10_000;

  /** The details of a pair event, for a member of the pair on its own peer. */
  public static java.util.Map<?, ?> pairEvent(
      final RegnetContext ctx, final ReferralActionRequest.PairEvent raw) {
    final ReferralActionRequest.PairEvent req = raw.validated();
    final Caller c = ctx.caller();
    if (req.counterparty().equals(c.msp())) {
      throw ErrorCode.VALIDATION_FAILED.exception("counterparty", "must be another member");
    }
    AccessPolicy.requireOwnPeer(ctx.getStub(), c);
    final PairStore store = PairStore.of(ctx.ledger(), c.msp(), req.counterparty());
    if (req.txIds() == null) {
      return AuditLog.pairEvent(ctx, store, req.txId());
    }
    // several at once: each id answered with its event, or null when the pair has no such event
    final java.util.Map<String, Object> events = new java.util.LinkedHashMap<>();
    for (String tx : req.txIds()) {
      events.put(tx, AuditLog.pairEventOrNull(ctx, store, tx));
    }
    return java.util.Map.of("events", events);
  }

  static String exchangeKey(final RegnetContext ctx, final String referralId, final int seq) {
    return ctx.ledger()
        .key(Keys.PRIVATE_EXCHANGE, referralId, String.format(java.util.Locale.ROOT, "%03d", seq));
  }

  /** The change as recorded in the pair's collection, its event naming only the pair. */
  static Change change(final Referral r, final String action) {
    return Change.of(
            action, "referral", r.referralId(), r.treatyId(), r.parties(), r.status().name())
        .inPair(r.originator(), r.recipient());
  }

  private static Turns.Step turn(final RegnetContext ctx, final Referral r) {
    final Turns.Step step = AccessPolicy.requireTurn(ctx, r);
    AccessPolicy.requireCurrentMember(ctx.caller(), Repository.treaty(ctx, r.treatyId()));
    return step;
  }

  private static Referral saved(
      final RegnetContext ctx, final Referral next, final String action, final String hash) {
    Repository.save(ctx, next);
    AuditLog.record(ctx, change(next, action).withPayloadHash(hash));
    return next;
  }
}
