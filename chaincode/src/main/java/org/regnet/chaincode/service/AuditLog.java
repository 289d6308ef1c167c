package org.regnet.chaincode.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.AuditEntry;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Ledger;
import org.regnet.chaincode.state.Page;
import org.regnet.chaincode.state.PairStore;

/**
 * Appends audit entries and emits the transaction's event; answers audit queries page by page.
 *
 * <p>Each entry is written (denormalised) under one key per query dimension, so a query reads only
 * its page: {@code audit~obj~<objectId>~<ts>~<txId>~0}, and for every viewer MSP {@code
 * audit~time~<viewer>~<ts>~<txId>~0} and {@code audit~actor~<viewer>~<actorMsp>~<ts>~<txId>~0}.
 */
public final class AuditLog {

  private static final String END = "~~";

  private AuditLog() {}

  /** Records the change: audit entry under every index, and the event. */
  public static AuditEntry record(final RegnetContext ctx, final Change change) {
    final Ledger ledger = ctx.ledger();
    final String ts = Keys.sortable(ctx.now());
    final String suffix = ts + "~" + ctx.txId() + "~0";
    final AuditEntry entry = entry(ctx, change);
    if (change.pair() != null) {
      return recordInPair(ctx, change, entry, suffix);
    }
    // written once; the owners' key-level policy keeps anyone else from rewriting them later
    final Endorsement owners = change.owners();
    ledger.put(Keys.AUDIT_OBJECT + change.objectId() + "~" + suffix, entry, owners);
    if (change.alsoUnder() != null && !change.alsoUnder().equals(change.objectId())) {
      ledger.put(Keys.AUDIT_OBJECT + change.alsoUnder() + "~" + suffix, entry, owners);
    }
    for (String viewer : change.viewers()) {
      ledger.put(Keys.AUDIT_TIME + viewer + "~" + suffix, entry, owners);
      ledger.put(
          Keys.AUDIT_ACTOR + viewer + "~" + ctx.caller().msp() + "~" + suffix, entry, owners);
    }
    ledger.event("regnet." + change.action(), event(ctx, change));
    return entry;
  }

  /**
   * The transaction's one audit entry: the change, its actor, the payload's (or request's) hash.
   */
  private static AuditEntry entry(final RegnetContext ctx, final Change change) {
    return new AuditEntry(
        ctx.txId() + "-0",
        ctx.txId(),
        ctx.nowString(),
        change.action(),
        change.objectId(),
        change.objectType(),
        change.treatyId(),
        ctx.caller().actor(),
        change.payloadHash() != null ? change.payloadHash() : ctx.requestHash(),
        change.viewers());
  }

  /** The event a change announces: which object, whose, by whom, its status. */
  private static Map<String, Object> event(final RegnetContext ctx, final Change change) {
    final Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", "regnet." + change.action());
    event.put("txId", ctx.txId());
    event.put("objectId", change.objectId());
    event.put("objectType", change.objectType());
    event.put("treatyId", change.treatyId());
    event.put("parties", change.viewers());
    event.put("actor", ctx.caller().msp());
    if (change.status() != null) {
      event.put("status", change.status());
    }
    return event;
  }

  /**
   * A change to a bilateral exchange (decision 0020): the audit entry under the same keys, but in
   * the pair's collection, indexed for the pair's two members only (an onward recipient's own
   * records live in its pair collection with the recipient); the event's details in the pair's
   * collection under the transaction id; and a public event that names only the pair, for their
   * nodes to fetch the details from their own peers ({@code referral:pairEvent}).
   */
  private static AuditEntry recordInPair(
      final RegnetContext ctx, final Change change, final AuditEntry entry, final String suffix) {
    final PairStore store = PairStore.of(ctx.ledger(), change.pair().get(0), change.pair().get(1));
    store.put(Keys.AUDIT_OBJECT + change.objectId() + "~" + suffix, entry);
    for (String viewer : store.members()) {
      store.put(Keys.AUDIT_TIME + viewer + "~" + suffix, entry);
      store.put(Keys.AUDIT_ACTOR + viewer + "~" + ctx.caller().msp() + "~" + suffix, entry);
    }
    store.put(ctx.ledger().key(Keys.PAIR_EVENT, ctx.txId()), event(ctx, change));
    final Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("event", PAIR_EVENT);
    envelope.put("txId", ctx.txId());
    envelope.put("parties", store.members());
    ctx.ledger().event(PAIR_EVENT, envelope);
    return entry;
  }

  /**
   * A change to a college (decision 0035): in the caller's pair collection with each other member,
   * the audit entry indexed for that pair's two members and the event's details, as {@link
   * #recordInPair} writes them; one public event naming the members, the caller last, so that each
   * member's node (which asks its last counterparty in the list) reads the details from its pair
   * with the caller, and the caller's own node from its pair with the member before it.
   */
  public static AuditEntry recordInCollege(
      final RegnetContext ctx, final Change change, final List<String> members) {
    final String caller = ctx.caller().msp();
    final String suffix = Keys.sortable(ctx.now()) + "~" + ctx.txId() + "~0";
    final AuditEntry entry = entry(ctx, change);
    final List<String> parties = new ArrayList<>();
    for (String other : members) {
      if (other.equals(caller)) {
        continue;
      }
      parties.add(other);
      final PairStore store = PairStore.of(ctx.ledger(), caller, other);
      store.put(Keys.AUDIT_OBJECT + change.objectId() + "~" + suffix, entry);
      for (String viewer : store.members()) {
        store.put(Keys.AUDIT_TIME + viewer + "~" + suffix, entry);
        store.put(Keys.AUDIT_ACTOR + viewer + "~" + caller + "~" + suffix, entry);
      }
      store.put(ctx.ledger().key(Keys.PAIR_EVENT, ctx.txId()), event(ctx, change));
    }
    parties.add(caller);
    final Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("event", PAIR_EVENT);
    envelope.put("txId", ctx.txId());
    envelope.put("parties", parties);
    ctx.ledger().event(PAIR_EVENT, envelope);
    return entry;
  }

  /** A college's entries: in the caller's pair collections with the other members. */
  public static Page<AuditEntry> byObject(
      final RegnetContext ctx,
      final List<PairStore> stores,
      final String objectId,
      final int pageSize,
      final String bookmark) {
    final String prefix = Keys.AUDIT_OBJECT + objectId + "~";
    final List<BiFunction<String, Integer, List<KeyValue>>> sources = new ArrayList<>();
    for (PairStore store : stores) {
      sources.add((from, n) -> store.range(from, prefix + "~", n));
    }
    return ctx.ledger()
        .mergedPage(
            prefix,
            prefix + "~",
            pageSize,
            bookmark,
            sources,
            kv -> Json.read(kv.getValue(), AuditEntry.class));
  }

  /** The one public event of a bilateral change: it names the pair and nothing else. */
  public static final String PAIR_EVENT = "regnet.pair.updated";

  /** The details of a pair event, read from the caller's own peer by a member of the pair. */
  public static Map<?, ?> pairEvent(
      final RegnetContext ctx, final PairStore store, final String tx) {
    final Map<?, ?> event = pairEventOrNull(ctx, store, tx);
    if (event == null) {
      throw ErrorCode.NOT_FOUND.exception("txId", "no pair event " + tx);
    }
    return event;
  }

  /** {@link #pairEvent}, or null when the pair has no such event. */
  public static Map<?, ?> pairEventOrNull(
      final RegnetContext ctx, final PairStore store, final String tx) {
    return store.get(ctx.ledger().key(Keys.PAIR_EVENT, tx), Map.class).orElse(null);
  }

  /** A referral's entries: in its pair's collection, or in an onward recipient's. */
  public static Page<AuditEntry> byObject(
      final RegnetContext ctx,
      final PairStore store,
      final String objectId,
      final int pageSize,
      final String bookmark) {
    final String prefix = Keys.AUDIT_OBJECT + objectId + "~";
    return ctx.ledger()
        .mergedPage(
            prefix,
            prefix + "~",
            pageSize,
            bookmark,
            List.of((from, n) -> store.range(from, prefix + "~", n)),
            kv -> Json.read(kv.getValue(), AuditEntry.class));
  }

  /**
   * The caller's index [start, end) in public state and in every pair collection of the caller's
   * authority with another member of one of its treaties, merged in key order.
   */
  private static Page<AuditEntry> acrossPairs(
      final RegnetContext ctx,
      final String start,
      final String end,
      final int pageSize,
      final String bookmark) {
    final List<BiFunction<String, Integer, List<KeyValue>>> sources = new ArrayList<>();
    sources.add((from, n) -> ctx.ledger().range(from, end, n));
    for (String other : counterparties(ctx)) {
      final PairStore store = PairStore.of(ctx.ledger(), ctx.caller().msp(), other);
      sources.add((from, n) -> orNothing(() -> store.range(from, end, n)));
    }
    return ctx.ledger()
        .mergedPage(
            start,
            end,
            pageSize,
            bookmark,
            sources,
            kv -> Json.read(kv.getValue(), AuditEntry.class));
  }

  /**
   * A query of one pair collection, or nothing when the channel declares no such collection (a
   * treaty may name an authority that is not, or no longer, a channel member). Only queries use
   * this: they write nothing, so a failed read cannot leave a partial transaction behind.
   */
  static List<KeyValue> orNothing(final java.util.function.Supplier<List<KeyValue>> query) {
    try {
      return query.get();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * One merge source per pair collection of the caller's authority: the caller's {@code type} index
   * there, read up to {@code scan} entries (private data has no paged queries), from a key on.
   */
  static List<BiFunction<String, Integer, List<KeyValue>>> pairIndexes(
      final RegnetContext ctx, final String type, final int scan) {
    final String msp = ctx.caller().msp();
    final List<BiFunction<String, Integer, List<KeyValue>>> sources = new ArrayList<>();
    for (String other : counterparties(ctx)) {
      final PairStore store = PairStore.of(ctx.ledger(), msp, other);
      sources.add((from, n) -> within(orNothing(() -> store.list(type, scan, msp)), from, n));
    }
    return sources;
  }

  private static List<KeyValue> within(final List<KeyValue> all, final String from, final int n) {
    final List<KeyValue> out = new ArrayList<>();
    for (KeyValue kv : all) {
      if (kv.getKey().compareTo(from) >= 0 && out.size() < n) {
        out.add(kv);
      }
    }
    return out;
  }

  /** The other members of the caller's treaties: the pairs its authority belongs to. */
  static java.util.SortedSet<String> counterparties(final RegnetContext ctx) {
    final String msp = ctx.caller().msp();
    final java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (KeyValue kv : ctx.ledger().partial(Keys.TREATY, MAX_TREATIES)) {
      final Treaty t = Json.read(kv.getValue(), Treaty.class);
      if (t.allMsps().contains(msp)) {
        out.addAll(t.allMsps());
      }
    }
    out.remove(msp);
    return out;
  }

  /** How many treaties an audit query looks through for the caller's pairs. */
  static final int MAX_TREATIES = 1000;

  public static Page<AuditEntry> byObject(
      final RegnetContext ctx, final String objectId, final int pageSize, final String bookmark) {
    final String prefix = Keys.AUDIT_OBJECT + objectId + "~";
    final String viewer = ctx.caller().msp();
    return ctx.ledger()
        .rangePage(
            prefix,
            prefix + "~",
            pageSize,
            bookmark,
            kv -> {
              final AuditEntry e = Json.read(kv.getValue(), AuditEntry.class);
              return e.viewers().contains(viewer) ? e : null;
            });
  }

  public static Page<AuditEntry> byActor(
      final RegnetContext ctx,
      final String actorMsp,
      final Instant from,
      final Instant to,
      final int pageSize,
      final String bookmark) {
    final String prefix = Keys.AUDIT_ACTOR + ctx.caller().msp() + "~" + actorMsp + "~";
    return acrossPairs(ctx, prefix + Keys.sortable(from), prefix + bound(to), pageSize, bookmark);
  }

  public static Page<AuditEntry> byTime(
      final RegnetContext ctx,
      final Instant from,
      final Instant to,
      final int pageSize,
      final String bookmark) {
    final String prefix = Keys.AUDIT_TIME + ctx.caller().msp() + "~";
    return acrossPairs(ctx, prefix + Keys.sortable(from), prefix + bound(to), pageSize, bookmark);
  }

  private static String bound(final Instant to) {
    // entries at exactly 'to' are "<ts>~..." and sort after "<ts>": [from, to) as documented
    return to.getEpochSecond() > 999_999_999_999L ? END : Keys.sortable(to);
  }
}
