package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.CollegeLocator;
import org.regnet.chaincode.state.PairStore;

/**
 * Where a college lives (decision 0035): the one seam between {@link Colleges} and the data
 * placement. There is no collection per college: the network declares one per pair (decision 0013),
 * and a collection per college would need a chaincode definition update for every college. So
 * whatever a member writes about a college goes into its pair collection with each other member:
 * only the members' peers hold it, and each member reads it from its own peer.
 *
 * <p>Two rules of Fabric shape this. A pair collection admits writes only from its two members'
 * clients (memberOnlyWrite), so a member writes only its own pairs. And every member's peer
 * endorses, each simulating the transaction with the same reads; none of them holds every pair the
 * college spans, so a transaction reads only public state (the locator, the treaty) and writes the
 * pair collections blind.
 */
final class CollegeStore {

  /** Most entries a listing reads per pair collection in one evaluation. */
  static final int MAX_SCAN = 10_000;

  static final String RECORD = "college";
  static final String ITEM = "college~item";
  static final String MINE = "college~mine";
  static final String PURGED = "college~purged";
  private static final String LOCATOR = "college~loc";
  private static final String ITEM_LOCATOR = "college~itemloc";

  private CollegeStore() {}

  static String locatorKey(final RegnetContext ctx, final String collegeId) {
    return ctx.ledger().key(LOCATOR, hash(collegeId));
  }

  /** The public marker of an item id: a retried share under the same key meets it (CONFLICT). */
  static String itemLocatorKey(final RegnetContext ctx, final String itemId) {
    return ctx.ledger().key(ITEM_LOCATOR, hash(itemId));
  }

  /** The college's locator; NOT_FOUND when no college has this id. */
  static CollegeLocator locate(final RegnetContext ctx, final String collegeId) {
    return ctx.ledger()
        .get(locatorKey(ctx, collegeId), CollegeLocator.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("collegeId", "no college " + collegeId));
  }

  /** ACCESS_DENIED unless the caller's authority is a member. */
  static void requireMember(
      final RegnetContext ctx, final CollegeLocator loc, final String collegeId) {
    if (!loc.members().contains(ctx.caller().msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "collegeId", ctx.caller().msp() + " is not a member of " + collegeId);
    }
  }

  /** The private key of the item numbered {@code seq} (from 1) in the college. */
  static String itemKey(final RegnetContext ctx, final String collegeId, final int seq) {
    return ctx.ledger().key(ITEM, collegeId, String.format("%06d", seq));
  }

  /** The pair collections of {@code msp} with every other member. */
  static List<PairStore> pairsOf(
      final RegnetContext ctx, final String msp, final List<String> members) {
    final List<PairStore> out = new ArrayList<>();
    for (String other : members) {
      if (!other.equals(msp)) {
        out.add(PairStore.of(ctx.ledger(), msp, other));
      }
    }
    return out;
  }

  /**
   * Entries under a partial key in every pair collection of the caller with {@code others}, one per
   * key (a member's own writes are in each of its pairs), in key order.
   */
  static List<KeyValue> merged(
      final RegnetContext ctx,
      final List<String> others,
      final String type,
      final String... attributes) {
    final TreeMap<String, KeyValue> all = new TreeMap<>();
    for (PairStore store : pairsOf(ctx, ctx.caller().msp(), others)) {
      for (KeyValue kv : AuditLog.orNothing(() -> store.list(type, MAX_SCAN, attributes))) {
        all.putIfAbsent(kv.getKey(), kv);
      }
    }
    return List.copyOf(all.values());
  }

  private static String hash(final String id) {
    return Hashes.sha256Hex(id.getBytes(StandardCharsets.UTF_8));
  }
}
