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

/**
 * Where a request for assistance lives: the one seam between the assistance services and the data
 * placement (docs/decisions/0018). Today the record sits in world state under both parties'
 * key-level policy, as a referral's does, and every sealed part in both parties' implicit
 * collections; the per-pair collections of the trust work replace this class alone.
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
    final String k = privateKey(ctx, r.requestId(), part, seq);
    for (String msp : r.parties()) {
      ctx.ledger().putPrivate(Keys.implicitCollection(msp), k, s, pair(r));
    }
  }

  static java.util.Optional<SealedPayload> sealed(
      final RegnetContext ctx, final AssistanceRequest r, final String part, final int seq) {
    return ctx.ledger()
        .getPrivate(
            Keys.implicitCollection(ctx.caller().msp()),
            privateKey(ctx, r.requestId(), part, seq),
            SealedPayload.class);
  }

  /** Purges every sealed part of the request from both parties' collections. */
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
    for (String msp : r.parties()) {
      for (String k : keys) {
        ctx.ledger().purgePrivate(Keys.implicitCollection(msp), k);
      }
    }
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
