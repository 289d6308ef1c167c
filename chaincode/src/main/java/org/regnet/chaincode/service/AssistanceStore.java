package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Page;
import org.regnet.chaincode.state.PairStore;

/**
 * Where a request for assistance lives: the one seam between the assistance services and the data
 * placement (docs/decisions/0018). The record sits in world state under both parties' key-level
 * policy, as a referral's does; every sealed part (request content, updates, replies, disclosure
 * bases) lives in the pair's own collection (decision 0013), so only the two parties' peers hold it
 * and only they can endorse a write to it.
 */
final class AssistanceStore {

  /** Most requests one authority's statistics read in one evaluation. */
  static final int MAX_SCAN = 10_000;

  private AssistanceStore() {}

  static AssistanceRequest load(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(key(ctx, id), AssistanceRequest.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("requestId", "no request " + id));
  }

  /** Stores a new request, its inbox and outbox entries, and its sealed content. */
  static void create(final RegnetContext ctx, final AssistanceRequest r, final SealedPayload s) {
    if (ctx.ledger().exists(key(ctx, r.requestId()))) {
      throw ErrorCode.CONFLICT.exception(
          "requestId", "request " + r.requestId() + " already exists");
    }
    save(ctx, r);
    final Endorsement pair = pair(r);
    final String ts = Keys.sortable(ctx.now());
    ctx.ledger()
        .putString(
            ctx.ledger().key(Keys.ASSISTANCE_OUTBOX, r.requester(), ts, r.requestId()),
            r.requestId(),
            pair);
    ctx.ledger()
        .putString(
            ctx.ledger().key(Keys.ASSISTANCE_INBOX, r.requested(), ts, r.requestId()),
            r.requestId(),
            pair);
    putSealed(ctx, r, "request", 0, s);
  }

  static void save(final RegnetContext ctx, final AssistanceRequest r) {
    ctx.ledger().put(key(ctx, r.requestId()), r, pair(r));
  }

  /**
   * A sealed part ({@code request}, {@code update}, {@code reply}, {@code disclosure}) for both.
   */
  static void putSealed(
      final RegnetContext ctx,
      final AssistanceRequest r,
      final String part,
      final int seq,
      final SealedPayload s) {
    pairStore(ctx, r).put(privateKey(ctx, r.requestId(), part, seq), s);
  }

  static java.util.Optional<SealedPayload> sealed(
      final RegnetContext ctx, final AssistanceRequest r, final String part, final int seq) {
    return pairStore(ctx, r).get(privateKey(ctx, r.requestId(), part, seq), SealedPayload.class);
  }

  /** Purges every sealed part of the request from the pair's collection, on both peers. */
  static void purgeSealed(final RegnetContext ctx, final AssistanceRequest r) {
    final List<String> keys = new ArrayList<>();
    keys.add(privateKey(ctx, r.requestId(), "request", 0));
    r.progress()
        .updates()
        .forEach(u -> keys.add(privateKey(ctx, r.requestId(), "update", u.seq())));
    r.progress().replies().forEach(x -> keys.add(privateKey(ctx, r.requestId(), "reply", x.seq())));
    r.progress()
        .disclosures()
        .forEach(d -> keys.add(privateKey(ctx, r.requestId(), "disclosure", d.seq())));
    r.progress()
        .subjectRequests()
        .forEach(x -> keys.add(privateKey(ctx, r.requestId(), "subject", x.seq())));
    final PairStore store = pairStore(ctx, r);
    keys.forEach(store::purge);
  }

  static Page<AssistanceRequest> page(
      final RegnetContext ctx, final boolean inbox, final int size, final String mark) {
    return ctx.ledger()
        .partialPage(
            new CompositeKey(
                inbox ? Keys.ASSISTANCE_INBOX : Keys.ASSISTANCE_OUTBOX, ctx.caller().msp()),
            size,
            mark,
            kv -> load(ctx, id(kv)));
  }

  /**
   * Every request the authority sent ({@code inbox} false) or received, up to {@link #MAX_SCAN}.
   */
  static List<AssistanceRequest> all(
      final RegnetContext ctx, final String msp, final boolean inbox) {
    final List<AssistanceRequest> out = new ArrayList<>();
    for (KeyValue kv :
        ctx.ledger()
            .partial(inbox ? Keys.ASSISTANCE_INBOX : Keys.ASSISTANCE_OUTBOX, MAX_SCAN, msp)) {
      out.add(load(ctx, id(kv)));
    }
    return out;
  }

  static PairStore pairStore(final RegnetContext ctx, final AssistanceRequest r) {
    return PairStore.of(ctx.ledger(), r.requester(), r.requested());
  }

  static Endorsement pair(final AssistanceRequest r) {
    return Endorsement.allOf(r.parties());
  }

  private static String key(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.ASSISTANCE, id);
  }

  private static String privateKey(
      final RegnetContext ctx, final String id, final String part, final int seq) {
    return ctx.ledger()
        .key(Keys.PRIVATE_ASSISTANCE, id, part, String.format(Locale.ROOT, "%03d", seq));
  }

  private static String id(final KeyValue kv) {
    return new String(kv.getValue(), StandardCharsets.UTF_8);
  }
}
