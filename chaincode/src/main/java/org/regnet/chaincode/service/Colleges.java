package org.regnet.chaincode.service;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.College;
import org.regnet.chaincode.model.CollegeItem;
import org.regnet.chaincode.model.CollegeLocator;
import org.regnet.chaincode.model.CollegePurge;
import org.regnet.chaincode.model.CollegeView;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.CollegeRequests;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.PairStore;

/**
 * Colleges of more than two member authorities (MiCA Art. 119; issue 14 item 7; decision 0035): a
 * member forms one under a treaty with other active members of it, and every member shares
 * information with all the others. Only the members' peers hold anything of it ({@link
 * CollegeStore}), and each transaction is endorsed by every member's peer (the pair collections'
 * policies), so no member can change the college, or speak in another's name, alone.
 */
public final class Colleges {

  private Colleges() {}

  public static College form(final RegnetContext ctx, final CollegeRequests.Form raw) {
    final CollegeRequests.Form req = raw.validated();
    final String caller = ctx.caller().msp();
    if (!req.members().contains(caller)) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "members", "must include the forming authority " + caller);
    }
    final Treaty treaty = Repository.treaty(ctx, req.treatyId());
    requireActive(treaty, req.members(), caller);
    final String id = ctx.keyedId("COL");
    if (ctx.ledger().exists(CollegeStore.locatorKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("collegeId", "college " + id + " already exists");
    }
    ctx.ledger()
        .put(
            CollegeStore.locatorKey(ctx, id),
            new CollegeLocator(treaty.treatyId(), caller, req.members(), null, 0),
            Endorsement.allOf(req.members()));
    final College college =
        new College(id, treaty.treatyId(), req.title(), req.members(), caller, ctx.nowString());
    final String ts = Keys.sortable(ctx.now());
    for (PairStore store : CollegeStore.pairsOf(ctx, caller, req.members())) {
      store.put(ctx.ledger().key(CollegeStore.RECORD, id), college);
      // each member's index of its colleges, in the pair it shares with the forming authority
      for (String m : store.members()) {
        store.put(ctx.ledger().key(CollegeStore.MINE, m, ts, id), college);
      }
    }
    AuditLog.recordInCollege(
        ctx,
        Change.of("college.formed", "COLLEGE", id, treaty.treatyId(), req.members(), "FORMED"),
        req.members());
    return college;
  }

  public static CollegeItem share(final RegnetContext ctx, final CollegeRequests.Share raw) {
    final CollegeRequests.Share req = raw.validated();
    final CollegeLocator loc = CollegeStore.locate(ctx, req.collegeId());
    CollegeStore.requireMember(ctx, loc, req.collegeId());
    final String caller = ctx.caller().msp();
    if (loc.closedAt() != null) {
      throw ErrorCode.INVALID_STATE.exception(
          "collegeId", req.collegeId() + " was closed at " + loc.closedAt());
    }
    requireActive(Repository.treaty(ctx, loc.treatyId()), loc.members(), caller);
    final String itemId = ctx.keyedId("CIT");
    final String marker = CollegeStore.itemLocatorKey(ctx, itemId);
    if (ctx.ledger().exists(marker)) {
      throw ErrorCode.CONFLICT.exception("itemId", "item " + itemId + " already exists");
    }
    ctx.ledger().put(marker, java.util.Map.of(), Endorsement.allOf(loc.members()));
    final CollegeLocator counted = loc.withItem();
    ctx.ledger()
        .put(
            CollegeStore.locatorKey(ctx, req.collegeId()),
            counted,
            Endorsement.allOf(loc.members()));
    final CollegeItem item =
        new CollegeItem(
            itemId,
            req.collegeId(),
            caller,
            ctx.caller().actor(),
            ctx.nowString(),
            req.title(),
            req.information());
    final String key = CollegeStore.itemKey(ctx, req.collegeId(), counted.items());
    for (PairStore store : CollegeStore.pairsOf(ctx, caller, loc.members())) {
      store.put(key, item);
    }
    AuditLog.recordInCollege(
        ctx,
        Change.of("college.shared", "COLLEGE", req.collegeId(), loc.treatyId(), loc.members(), null)
            .withPayloadHash(
                org.regnet.chaincode.Hashes.sha256Hex(
                    req.information().getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        loc.members());
    return item;
  }

  /** The college and everything shared in it, read from the caller's own peer. */
  public static CollegeView get(final RegnetContext ctx, final CollegeRequests.Ref raw) {
    final CollegeRequests.Ref req = raw.validated();
    final CollegeLocator loc = CollegeStore.locate(ctx, req.collegeId());
    CollegeStore.requireMember(ctx, loc, req.collegeId());
    final String caller = ctx.caller().msp();
    final String from =
        caller.equals(loc.formedBy())
            ? loc.members().stream().filter(m -> !m.equals(caller)).findFirst().orElseThrow()
            : loc.formedBy();
    final College college =
        PairStore.of(ctx.ledger(), caller, from)
            .get(ctx.ledger().key(CollegeStore.RECORD, req.collegeId()), College.class)
            .orElseThrow(
                () -> ErrorCode.NOT_FOUND.exception("collegeId", "no college " + req.collegeId()));
    final List<CollegeItem> items = new ArrayList<>();
    for (KeyValue kv :
        CollegeStore.merged(ctx, loc.members(), CollegeStore.ITEM, req.collegeId())) {
      items.add(Json.read(kv.getValue(), CollegeItem.class));
    }
    final List<CollegePurge> purges = new ArrayList<>();
    for (PairStore store : CollegeStore.pairsOf(ctx, caller, loc.members())) {
      store
          .get(ctx.ledger().key(CollegeStore.PURGED, req.collegeId()), CollegePurge.class)
          .ifPresent(purges::add);
    }
    return new CollegeView(college, items, loc.closedAt(), purges);
  }

  /**
   * Closes the college to new information; its retention under the treaty counts from now. Any
   * member's case officer may close it, every member's peer endorses (the locator's policy).
   */
  public static CollegeLocator close(final RegnetContext ctx, final CollegeRequests.Ref raw) {
    final CollegeRequests.Ref req = raw.validated();
    final CollegeLocator loc = CollegeStore.locate(ctx, req.collegeId());
    CollegeStore.requireMember(ctx, loc, req.collegeId());
    if (loc.closedAt() != null) {
      throw ErrorCode.CONFLICT.exception("collegeId", "closed at " + loc.closedAt());
    }
    requireActiveCaller(Repository.treaty(ctx, loc.treatyId()), ctx.caller().msp());
    final CollegeLocator closed = loc.closed(ctx.nowString());
    ctx.ledger()
        .put(
            CollegeStore.locatorKey(ctx, req.collegeId()),
            closed,
            Endorsement.allOf(loc.members()));
    AuditLog.recordInCollege(
        ctx,
        Change.of(
            "college.closed", "COLLEGE", req.collegeId(), loc.treatyId(), loc.members(), "CLOSED"),
        loc.members());
    return closed;
  }

  /**
   * Retention that ends (GDPR Art. 5(1)(e); the treaty's {@code retentionDays}, counted from the
   * close): purges everything shared in the college from the caller's pair collection with one
   * other member, with Fabric's PurgePrivateData (history included; the hashes stay in the blocks).
   * Pair by pair, because only a pair's two members may write its collection and only their peers
   * hold it: every member purges its own pairs (either member of a pair may), and the college's
   * record stays in the pair beside the deletion record. The timestamp is checked against each
   * endorsing peer's clock as a request's purge is ({@link RetentionService}).
   */
  public static CollegePurge purge(final RegnetContext ctx, final CollegeRequests.Purge raw) {
    final CollegeRequests.Purge req = raw.validated();
    final CollegeLocator loc = CollegeStore.locate(ctx, req.collegeId());
    CollegeStore.requireMember(ctx, loc, req.collegeId());
    final String caller = ctx.caller().msp();
    if (req.counterparty().equals(caller) || !loc.members().contains(req.counterparty())) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "counterparty", "must be another member of " + req.collegeId());
    }
    if (loc.closedAt() == null) {
      throw ErrorCode.INVALID_STATE.exception(
          "collegeId", "retention runs from the college's close; it is open");
    }
    final Treaty treaty = Repository.treaty(ctx, loc.treatyId());
    final java.time.Instant ends =
        java.time.Instant.parse(loc.closedAt())
            .plus(java.time.Duration.ofDays(treaty.terms().retentionDays()));
    final java.time.Instant now = ctx.now();
    RetentionService.requirePeerClock(ctx, now);
    if (now.isBefore(ends)) {
      throw ErrorCode.INVALID_STATE.exception("collegeId", "retention runs until " + ends);
    }
    final PairStore store = PairStore.of(ctx.ledger(), caller, req.counterparty());
    final String marker = ctx.ledger().key(CollegeStore.PURGED, req.collegeId());
    final java.util.Optional<CollegePurge> done = store.get(marker, CollegePurge.class);
    if (done.isPresent()) {
      throw ErrorCode.CONFLICT.exception("collegeId", "purged at " + done.get().purgedAt());
    }
    // point reads only: Fabric refuses writes in a transaction that queried private data by range
    for (int seq = 1; seq <= loc.items(); seq++) {
      final String key = CollegeStore.itemKey(ctx, req.collegeId(), seq);
      if (store.exists(key)) {
        store.purge(key);
      }
    }
    final CollegePurge purge =
        new CollegePurge(store.members(), ctx.nowString(), ctx.caller().actor());
    store.put(marker, purge);
    AuditLog.record(
        ctx,
        Change.of(
                "college.purged",
                "COLLEGE",
                req.collegeId(),
                loc.treatyId(),
                store.members(),
                "PURGED")
            .inPair(caller, req.counterparty()));
    return purge;
  }

  /** The colleges of the caller's authority, oldest first. */
  public static List<College> list(final RegnetContext ctx) {
    final List<String> everyone = new ArrayList<>(AuditLog.counterparties(ctx));
    everyone.add(ctx.caller().msp());
    final List<College> out = new ArrayList<>();
    for (KeyValue kv : CollegeStore.merged(ctx, everyone, CollegeStore.MINE, ctx.caller().msp())) {
      out.add(Json.read(kv.getValue(), College.class));
    }
    return out;
  }

  /**
   * Every member must be an active member of the treaty: the caller (ACCESS_DENIED otherwise) and
   * each other one (INVALID_STATE: a member that left the treaty leaves its colleges closed to new
   * information; form a new college without it).
   */
  private static void requireActive(
      final Treaty treaty, final List<String> members, final String caller) {
    requireActiveCaller(treaty, caller);
    for (String m : members) {
      if (!treaty.activeMember(m)) {
        throw ErrorCode.INVALID_STATE.exception(
            "members", m + " is not an active member of " + treaty.treatyId());
      }
    }
  }

  private static void requireActiveCaller(final Treaty treaty, final String caller) {
    if (!treaty.activeMember(caller)) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "treatyId", caller + " is not an active member of " + treaty.treatyId());
    }
  }
}
