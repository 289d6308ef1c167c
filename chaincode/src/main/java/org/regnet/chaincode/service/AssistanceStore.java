package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.AssistanceLocator;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Page;
import org.regnet.chaincode.state.PairStore;

/**
 * Where a request for assistance lives: the one seam between the assistance services and the data
 * placement (docs/decisions/0018, 0029). Everything about a request is in the parties' pair
 * collection (decision 0013), as a referral's is (decision 0020): the record with its whole reply
 * leg, the inbox and outbox index entries, every sealed part (content, updates, replies, disclosure
 * bases, subject requests), its audit entries and its events' details. Only the two parties' peers
 * hold them, and only they can endorse a write. World state holds the locator under the hash of the
 * id, so that every client can act on a request by its id alone.
 */
final class AssistanceStore {

  /** Most requests one authority's statistics or listing read per pair in one evaluation. */
  static final int MAX_SCAN = 10_000;

  private AssistanceStore() {}

  /** Where the request lives; NOT_FOUND when no request has this id. */
  static AssistanceLocator locate(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(locatorKey(ctx, id), AssistanceLocator.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("requestId", "no request " + id));
  }

  /**
   * The request, read from its pair's collection for one of its parties. Anyone else is refused
   * (ACCESS_DENIED): a third authority's peer holds no record, and its clients may not read the
   * pair's collection on a party's peer (memberOnlyRead).
   */
  static AssistanceRequest load(final RegnetContext ctx, final String id) {
    final AssistanceLocator loc = locate(ctx, id);
    final String msp = ctx.caller().msp();
    if (!msp.equals(loc.requester()) && !msp.equals(loc.requested())) {
      throw ErrorCode.ACCESS_DENIED.exception("requestId", msp + " is not a party to " + id);
    }
    return PairStore.of(ctx.ledger(), loc.requester(), loc.requested())
        .get(key(ctx, id), AssistanceRequest.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("requestId", "no request " + id));
  }

  /**
   * Stores a new request, its inbox and outbox entries and its sealed content in the pair's
   * collection, and its locator in world state (both parties' key-level policy).
   */
  static void create(final RegnetContext ctx, final AssistanceRequest r, final SealedPayload s) {
    if (ctx.ledger().exists(locatorKey(ctx, r.requestId()))) {
      throw ErrorCode.CONFLICT.exception(
          "requestId", "request " + r.requestId() + " already exists");
    }
    ctx.ledger()
        .put(
            locatorKey(ctx, r.requestId()),
            new AssistanceLocator(r.requester(), r.requested(), r.treatyId()),
            pair(r));
    save(ctx, r);
    final PairStore store = pairStore(ctx, r);
    final String ts = Keys.sortable(ctx.now());
    // the sender's outbox, the receiver's inbox: unsolicited information reaches its recipient's
    // inbox although the recipient holds the requester's position (decision 0031)
    store.put(
        ctx.ledger().key(Keys.ASSISTANCE_OUTBOX, r.sender(), ts, r.requestId()), r.requestId());
    store.put(
        ctx.ledger().key(Keys.ASSISTANCE_INBOX, r.receiver(), ts, r.requestId()), r.requestId());
    putSealed(ctx, r, "request", 0, s);
  }

  static void save(final RegnetContext ctx, final AssistanceRequest r) {
    pairStore(ctx, r).put(key(ctx, r.requestId()), r);
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

  static Optional<SealedPayload> sealed(
      final RegnetContext ctx, final AssistanceRequest r, final String part, final int seq) {
    return pairStore(ctx, r).get(privateKey(ctx, r.requestId(), part, seq), SealedPayload.class);
  }

  /**
   * Purges every sealed part of the request from the pair's collection, on both peers. The record
   * (with {@code purgedAt}), its index entries and audit entries stay: they are the deletion
   * record.
   */
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

  /**
   * The caller's inbox or outbox: its index in each of its authority's pair collections, merged in
   * key order (time, then id). Bookmark: the last index key returned.
   */
  static Page<AssistanceRequest> page(
      final RegnetContext ctx, final boolean inbox, final int size, final String mark) {
    final String type = index(inbox);
    final String msp = ctx.caller().msp();
    final String start = new CompositeKey(type, msp).toString();
    final String end = start + Character.toString(Character.MAX_CODE_POINT);
    return ctx.ledger()
        .mergedPage(
            start,
            end,
            size,
            mark,
            AuditLog.pairIndexes(ctx, type, MAX_SCAN),
            kv -> load(ctx, id(kv)));
  }

  /**
   * Every request the authority sent ({@code inbox} false) or received, up to {@link #MAX_SCAN} per
   * counterparty: read from the authority's pair collections, so only the two parties of a request
   * can count it (a third authority's peer holds none of it, and memberOnlyRead keeps its clients
   * out of the pair's collection on the parties' peers).
   */
  static List<AssistanceRequest> all(
      final RegnetContext ctx, final String msp, final boolean inbox) {
    final List<AssistanceRequest> out = new ArrayList<>();
    for (String other : AuditLog.counterparties(ctx)) {
      final PairStore store = PairStore.of(ctx.ledger(), msp, other);
      for (KeyValue kv : AuditLog.orNothing(() -> store.list(index(inbox), MAX_SCAN, msp))) {
        store.get(key(ctx, id(kv)), AssistanceRequest.class).ifPresent(out::add);
      }
    }
    return out;
  }

  static PairStore pairStore(final RegnetContext ctx, final AssistanceRequest r) {
    return PairStore.of(ctx.ledger(), r.requester(), r.requested());
  }

  static Endorsement pair(final AssistanceRequest r) {
    return Endorsement.allOf(r.parties());
  }

  private static String index(final boolean inbox) {
    return inbox ? Keys.ASSISTANCE_INBOX : Keys.ASSISTANCE_OUTBOX;
  }

  private static String key(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.ASSISTANCE, id);
  }

  /** The public key of a request's locator: the hash of its id, never the id. */
  private static String locatorKey(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .key(Keys.ASSISTANCE_LOCATOR, Hashes.sha256Hex(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static String privateKey(
      final RegnetContext ctx, final String id, final String part, final int seq) {
    return ctx.ledger()
        .key(Keys.PRIVATE_ASSISTANCE, id, part, String.format(Locale.ROOT, "%03d", seq));
  }

  private static String id(final KeyValue kv) {
    return Json.read(kv.getValue(), String.class);
  }
}
