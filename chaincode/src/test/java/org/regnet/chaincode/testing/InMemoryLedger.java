package org.regnet.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.regnet.chaincode.state.PairStore;

/**
 * An in-memory channel ledger with Fabric's semantics for the chaincode: committed world state with
 * versions (MVCC check at commit), private data per collection with the hashes every peer holds,
 * key history, committed events. Transactions run on {@link TxStub}s that buffer their writes until
 * {@link #commit}; a failed transaction is simply never committed.
 */
public final class InMemoryLedger {

  /** Fabric orders keys by their UTF-8 bytes. */
  static final Comparator<String> BYTE_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  record Versioned(byte[] value, long version) {}

  /** One entry of a key's history. */
  public record Modification(String txId, Instant timestamp, byte[] value, boolean deleted) {}

  /** A committed transaction: its id, event name and payload (null when none). */
  public record Committed(String txId, String eventName, byte[] eventPayload) {}

  final TreeMap<String, Versioned> state = new TreeMap<>(BYTE_ORDER);
  final Map<String, TreeMap<String, byte[]>> privateData = new TreeMap<>();
  final Map<String, TreeMap<String, byte[]>> privateHashes = new TreeMap<>();
  final Map<String, List<Modification>> history = new TreeMap<>(BYTE_ORDER);
  final Map<String, byte[]> validationParameters = new TreeMap<>(BYTE_ORDER);
  final Map<String, TreeMap<String, byte[]>> privateValidationParameters = new TreeMap<>();
  final Map<String, StaticCollection> collections = new TreeMap<>();
  private final List<Committed> committed = new ArrayList<>();
  private long height;

  /** Declares a static collection, as a chaincode definition does. */
  public synchronized void define(final StaticCollection collection) {
    collections.put(collection.name(), collection);
  }

  /** Declares one pair collection per unordered pair of {@code msps}, as the network tooling. */
  public synchronized void definePairCollections(final List<String> msps) {
    for (int i = 0; i < msps.size(); i++) {
      for (int j = i + 1; j < msps.size(); j++) {
        final String a = msps.get(i);
        final String b = msps.get(j);
        define(StaticCollection.pair(PairStore.collection(a, b), a, b));
      }
    }
  }

  synchronized StaticCollection collection(final String name) {
    return collections.get(name);
  }

  /** Starts simulating a transaction against the current committed state. */
  public TxStub begin(final TxStub.Spec spec) {
    return new TxStub(this, spec);
  }

  /**
   * Commits the transaction's buffered writes, as a peer does at validation: refused when a key it
   * read changed since (MVCC), when it left an iterator open, or when it wrote after a paginated
   * query.
   */
  public synchronized void commit(final TxStub tx) {
    for (Map.Entry<String, Long> read : tx.readVersions().entrySet()) {
      final Versioned now = state.get(read.getKey());
      final long current = now == null ? -1 : now.version();
      if (current != read.getValue()) {
        throw new IllegalStateException("MVCC_READ_CONFLICT on " + printable(read.getKey()));
      }
    }
    if (tx.openIterators() != 0) {
      throw new IllegalStateException(
          "transaction left " + tx.openIterators() + " iterator(s) open");
    }
    if (tx.usedPagination() && (!tx.writes().isEmpty() || !tx.privateWrites().isEmpty())) {
      throw new IllegalStateException("paginated queries are not supported in update transactions");
    }
    // memberOnlyWrite is enforced by the validator: a non-member creator invalidates the tx
    for (String c : tx.privateWrites().keySet()) {
      final StaticCollection def = collections.get(c);
      if (def != null && def.memberOnlyWrite() && !def.members().contains(tx.creatorMsp())) {
        throw new IllegalStateException(
            "ENDORSEMENT_POLICY_FAILURE: tx creator of "
                + tx.creatorMsp()
                + " does not have write access permission on collection "
                + c);
      }
    }
    height++;
    for (Map.Entry<String, byte[]> w : tx.writes().entrySet()) {
      final boolean delete = w.getValue() == null;
      if (delete) {
        state.remove(w.getKey());
      } else {
        state.put(w.getKey(), new Versioned(w.getValue().clone(), height));
      }
      history
          .computeIfAbsent(w.getKey(), k -> new ArrayList<>())
          .add(
              new Modification(
                  tx.getTxId(),
                  tx.getTxTimestamp(),
                  delete ? new byte[0] : w.getValue().clone(),
                  delete));
    }
    for (Map.Entry<String, TreeMap<String, byte[]>> c : tx.privateWrites().entrySet()) {
      for (Map.Entry<String, byte[]> w : c.getValue().entrySet()) {
        final NavigableMap<String, byte[]> data =
            privateData.computeIfAbsent(c.getKey(), k -> new TreeMap<>(BYTE_ORDER));
        final NavigableMap<String, byte[]> hashes =
            privateHashes.computeIfAbsent(c.getKey(), k -> new TreeMap<>(BYTE_ORDER));
        if (w.getValue() == null) {
          data.remove(w.getKey());
          hashes.remove(w.getKey());
        } else {
          data.put(w.getKey(), w.getValue().clone());
          hashes.put(w.getKey(), sha256(w.getValue()));
        }
      }
    }
    validationParameters.putAll(tx.validationParameterWrites());
    tx.privateValidationParameterWrites()
        .forEach(
            (c, m) ->
                privateValidationParameters
                    .computeIfAbsent(c, k -> new TreeMap<>(BYTE_ORDER))
                    .putAll(m));
    committed.add(new Committed(tx.getTxId(), tx.eventName(), tx.eventPayload()));
  }

  /**
   * Commits as a peer does after checking the key-level endorsement policies: every key the
   * transaction writes (value or policy) whose committed policy the endorsing organisations do not
   * satisfy invalidates the whole transaction ({@code ENDORSEMENT_POLICY_FAILURE}), and nothing is
   * written. A private key without a policy of its own falls to its static collection's endorsement
   * policy; public keys without one fall to the chaincode-level policy, which this ledger does not
   * model (each test chooses its endorsers).
   */
  public synchronized void commit(final TxStub tx, final Set<String> endorsingOrgs) {
    final List<String> failed = new ArrayList<>();
    final Set<String> keys = new TreeSet<>(BYTE_ORDER);
    keys.addAll(tx.writes().keySet());
    keys.addAll(tx.validationParameterWrites().keySet());
    for (String key : keys) {
      final byte[] policy = validationParameters.get(key);
      if (policy != null && !KeyPolicy.satisfied(policy, endorsingOrgs)) {
        failed.add(printable(key));
      }
    }
    final Map<String, Set<String>> privateKeys = new TreeMap<>();
    tx.privateWrites()
        .forEach(
            (c, m) ->
                privateKeys.computeIfAbsent(c, k -> new TreeSet<>(BYTE_ORDER)).addAll(m.keySet()));
    tx.privateValidationParameterWrites()
        .forEach(
            (c, m) ->
                privateKeys.computeIfAbsent(c, k -> new TreeSet<>(BYTE_ORDER)).addAll(m.keySet()));
    privateKeys.forEach(
        (c, ks) -> {
          for (String key : ks) {
            final Map<String, byte[]> params = privateValidationParameters.get(c);
            final byte[] policy = params == null ? null : params.get(key);
            final StaticCollection def = collections.get(c);
            if (policy != null) {
              if (!KeyPolicy.satisfied(policy, endorsingOrgs)) {
                failed.add(c + "/" + printable(key));
              }
            } else if (def != null && !def.endorsedBy(endorsingOrgs)) {
              // no key-level policy yet: the collection's own endorsement policy applies
              failed.add(c + "/" + printable(key));
            }
          }
        });
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          "ENDORSEMENT_POLICY_FAILURE: endorsed by " + endorsingOrgs + ", keys " + failed);
    }
    commit(tx);
  }

  /** The committed key-level policy of a public key, or null. */
  public synchronized byte[] validationParameter(final String key) {
    final byte[] v = validationParameters.get(key);
    return v == null ? null : v.clone();
  }

  /** The committed key-level policy of a private key, or null. */
  public synchronized byte[] privateValidationParameter(final String collection, final String key) {
    final Map<String, byte[]> c = privateValidationParameters.get(collection);
    final byte[] v = c == null ? null : c.get(key);
    return v == null ? null : v.clone();
  }

  public synchronized byte[] state(final String key) {
    final Versioned v = state.get(key);
    return v == null ? null : v.value().clone();
  }

  /** Every committed key, in ledger order. */
  public synchronized List<String> keys() {
    return List.copyOf(state.keySet());
  }

  /** What the peers of the collection's members hold; tests use it to check dissemination. */
  public synchronized byte[] privateData(final String collection, final String key) {
    final TreeMap<String, byte[]> c = privateData.get(collection);
    final byte[] v = c == null ? null : c.get(key);
    return v == null ? null : v.clone();
  }

  /** Every value the collection's members' peers hold, by key, in ledger order. */
  public synchronized java.util.SortedMap<String, byte[]> privateValues(final String collection) {
    final TreeMap<String, byte[]> c = privateData.get(collection);
    final TreeMap<String, byte[]> out = new TreeMap<>(BYTE_ORDER);
    if (c != null) {
      c.forEach((k, v) -> out.put(k, v.clone()));
    }
    return out;
  }

  public synchronized List<Committed> committed() {
    return List.copyOf(committed);
  }

  static byte[] sha256(final byte[] v) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(v);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String printable(final String key) {
    return key.replace('\u0000', '|');
  }
}
