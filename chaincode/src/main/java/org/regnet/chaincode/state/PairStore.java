package org.regnet.chaincode.state;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;

/**
 * The records of one pair of member authorities, in the pair's own private data collection: only
 * the two members' peers hold them (every other peer holds the hashes in the blocks), only the two
 * members' clients may read or write them (memberOnlyRead/Write), and a write commits only with
 * both members' peers' endorsements (the collection's endorsement policy, and the key-level policy
 * this store sets on every key it writes). The network tooling declares one collection per pair in
 * the chaincode definition (docs/decisions/0013-pair-collections.md).
 *
 * <p>Use: {@code PairStore.of(ledger, "A", "B").put(ledger.key("rfa", id), record)}. Keys are
 * composite keys as elsewhere ({@link Ledger#key}); reads see committed data only, as every Fabric
 * read does. Reading needs the answering peer to be one of the pair's (a third member's peer holds
 * no data) and the caller to be a member's client (memberOnlyRead).
 */
public final class PairStore {

  /** Keep in step with the network tooling's {@code PairCollections}. */
  private static final String PREFIX = "pair_";

  private static final Pattern MSP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");

  private final Ledger ledger;
  private final String collection;
  private final Endorsement parties;
  private final List<String> members;

  private PairStore(final Ledger ledger, final String a, final String b) {
    this.ledger = ledger;
    this.collection = collection(a, b);
    this.parties = Endorsement.allOf(List.of(a, b));
    this.members = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
  }

  /** The store of the pair {a, b}, in either order. */
  public static PairStore of(final Ledger ledger, final String a, final String b) {
    return new PairStore(ledger, a, b);
  }

  /**
   * The collection name of the pair: {@code pair_<a>_<b>}, MSP ids ascending, '-' escaped as "-0"
   * and '.' as "-1" (Fabric allows only [A-Za-z0-9_-] in collection names; MSP ids have no '_').
   */
  public static String collection(final String a, final String b) {
    if (a == null || b == null || !MSP.matcher(a).matches() || !MSP.matcher(b).matches()) {
      throw ErrorCode.INTERNAL.exception("pair", "not an MSP id");
    }
    if (a.equals(b)) {
      throw ErrorCode.INTERNAL.exception("pair", "a pair needs two members");
    }
    final String first = a.compareTo(b) < 0 ? a : b;
    final String second = first.equals(a) ? b : a;
    return PREFIX + escape(first) + "_" + escape(second);
  }

  public String collection() {
    return collection;
  }

  /** Both members' peers: the policy of every key in the store. */
  public Endorsement parties() {
    return parties;
  }

  public <T> Optional<T> get(final String key, final Class<T> type) {
    return ledger.getPrivate(collection, key, type);
  }

  public boolean exists(final String key) {
    return ledger.existsPrivate(collection, key);
  }

  /** Writes the record; from then on only both members' peers can change the key. */
  public void put(final String key, final Object value) {
    ledger.putPrivate(collection, key, value, parties);
  }

  /** Deletes the record (its hash stays in the blocks). */
  public void delete(final String key) {
    ledger.deletePrivate(collection, key);
  }

  /** Deletes the record and purges its past values from the members' private stores. */
  public void purge(final String key) {
    ledger.purgePrivate(collection, key);
  }

  /** Records under a partial composite key, at most {@code limit}, in key order. */
  public List<KeyValue> list(final String type, final int limit, final String... attributes) {
    return ledger.partialPrivate(collection, type, limit, attributes);
  }

  /** Records under simple keys in [start, end), at most {@code limit}, in key order. */
  public List<KeyValue> range(final String start, final String end, final int limit) {
    return ledger.rangePrivate(collection, start, end, limit);
  }

  /** The two members, ascending. */
  public List<String> members() {
    return members;
  }

  private static String escape(final String msp) {
    return msp.replace("-", "-0").replace(".", "-1");
  }
}
