package org.regnet.chaincode.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.regnet.chaincode.PeerClock;

/**
 * A {@link ChaincodeStub} for one simulated transaction on one peer, with Fabric's semantics: reads
 * see committed state only (no read-your-writes), writes are buffered, range queries refuse
 * composite keys, partial composite key queries use the shim's key format, pagination returns
 * Fabric-style bookmarks, a peer reads only its own organisation's implicit collection, and {@link
 * #getMspId()} is the peer's organisation (unset: IllegalStateException as in the shim).
 */
public final class TxStub implements ChaincodeStub, PeerClock {

  /** What a client proposal and the endorsing peer determine. */
  public record Spec(
      String txId,
      Instant timestamp,
      byte[] creator,
      String peerMsp,
      List<String> args,
      Map<String, byte[]> transientMap) {}

  private static final String MAX_UNICODE_RUNE = "\udbff\udfff";
  private static final String IMPLICIT = "_implicit_org_";

  private final InMemoryLedger ledger;
  private final Spec spec;
  private final Map<String, Long> readVersions = new TreeMap<>(InMemoryLedger.BYTE_ORDER);
  private final TreeMap<String, byte[]> writes = new TreeMap<>(InMemoryLedger.BYTE_ORDER);
  private final TreeMap<String, TreeMap<String, byte[]>> privateWrites = new TreeMap<>();
  private final Map<String, byte[]> validationParameterWrites =
      new TreeMap<>(InMemoryLedger.BYTE_ORDER);
  private final Map<String, TreeMap<String, byte[]>> privateValidationParameterWrites =
      new TreeMap<>();
  private String eventName;
  private byte[] eventPayload;
  private int eventsSet;
  private int openIterators;
  private boolean usedPagination;

  private Instant peerNow;

  TxStub(final InMemoryLedger ledger, final Spec spec) {
    this.ledger = ledger;
    this.spec = spec;
    this.peerNow = spec.timestamp();
  }

  /** The endorsing peer's clock (the test network's clock; not the proposal's timestamp). */
  @Override
  public Instant peerNow() {
    return peerNow;
  }

  void peerNow(final Instant t) {
    this.peerNow = t;
  }

  // ---- what the test harness inspects

  Map<String, Long> readVersions() {
    return readVersions;
  }

  /** The public keys this transaction read (its read set, which goes into the block). */
  public java.util.Set<String> reads() {
    return java.util.Collections.unmodifiableSet(readVersions.keySet());
  }

  /** Buffered public writes; a null value is a delete. */
  public Map<String, byte[]> writes() {
    return writes;
  }

  public Map<String, TreeMap<String, byte[]>> privateWrites() {
    return privateWrites;
  }

  /** Key-level endorsement policies this transaction set on public keys. */
  public Map<String, byte[]> validationParameterWrites() {
    return validationParameterWrites;
  }

  /** Key-level endorsement policies this transaction set on private keys, by collection. */
  public Map<String, TreeMap<String, byte[]>> privateValidationParameterWrites() {
    return privateValidationParameterWrites;
  }

  public String eventName() {
    return eventName;
  }

  public byte[] eventPayload() {
    return eventPayload == null ? null : eventPayload.clone();
  }

  public int eventsSet() {
    return eventsSet;
  }

  int openIterators() {
    return openIterators;
  }

  boolean usedPagination() {
    return usedPagination;
  }

  /**
   * The read-write set as it appears in the endorsement: public writes in full, private writes as
   * hashes, and the event. Two endorsing peers must produce the same.
   */
  public String rwSetDigest() {
    final StringBuilder sb = new StringBuilder();
    final HexFormat hex = HexFormat.of();
    writes.forEach(
        (k, v) ->
            sb.append("W ")
                .append(InMemoryLedger.printable(k))
                .append('=')
                .append(v == null ? "<delete>" : hex.formatHex(v))
                .append('\n'));
    privateWrites.forEach(
        (c, m) ->
            m.forEach(
                (k, v) ->
                    sb.append("P ")
                        .append(c)
                        .append(' ')
                        .append(
                            hex.formatHex(
                                InMemoryLedger.sha256(k.getBytes(StandardCharsets.UTF_8))))
                        .append('=')
                        .append(v == null ? "<delete>" : hex.formatHex(InMemoryLedger.sha256(v)))
                        .append('\n')));
    sb.append("E ")
        .append(eventName)
        .append('=')
        .append(eventPayload == null ? "" : new String(eventPayload, StandardCharsets.UTF_8));
    return sb.toString();
  }

  // ---- proposal

  @Override
  public List<byte[]> getArgs() {
    return spec.args().stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public List<String> getStringArgs() {
    return List.copyOf(spec.args());
  }

  @Override
  public String getFunction() {
    return spec.args().isEmpty() ? null : spec.args().get(0);
  }

  @Override
  public List<String> getParameters() {
    return spec.args().size() <= 1
        ? List.of()
        : List.copyOf(spec.args().subList(1, spec.args().size()));
  }

  @Override
  public String getTxId() {
    return spec.txId();
  }

  @Override
  public String getChannelId() {
    return "regnet-cases";
  }

  @Override
  public Instant getTxTimestamp() {
    return spec.timestamp();
  }

  @Override
  public byte[] getCreator() {
    return spec.creator().clone();
  }

  @Override
  public Map<String, byte[]> getTransient() {
    final Map<String, byte[]> copy = new LinkedHashMap<>();
    spec.transientMap().forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  @Override
  public byte[] getBinding() {
    return InMemoryLedger.sha256((spec.txId() + "binding").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String getMspId() {
    if (spec.peerMsp() == null) {
      throw new IllegalStateException("CORE_PEER_LOCALMSPID is unset in chaincode process");
    }
    return spec.peerMsp();
  }

  @Override
  public SignedProposal getSignedProposal() {
    throw new UnsupportedOperationException("not simulated");
  }

  @Override
  public Chaincode.Response invokeChaincode(
      final String name, final List<byte[]> args, final String channel) {
    throw new UnsupportedOperationException("chaincode-to-chaincode calls are not simulated");
  }

  // ---- world state

  @Override
  public byte[] getState(final String key) {
    checkKey(key);
    synchronized (ledger) {
      final InMemoryLedger.Versioned v = ledger.state.get(key);
      readVersions.put(key, v == null ? -1L : v.version());
      return v == null ? new byte[0] : v.value().clone();
    }
  }

  @Override
  public void putState(final String key, final byte[] value) {
    checkKey(key);
    beforeWrite();
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    writes.put(key, value.length == 0 ? null : value.clone());
  }

  @Override
  public void delState(final String key) {
    checkKey(key);
    beforeWrite();
    writes.put(key, null);
  }

  @Override
  public byte[] getStateValidationParameter(final String key) {
    synchronized (ledger) {
      final byte[] v = ledger.validationParameters.get(key);
      return v == null ? null : v.clone();
    }
  }

  @Override
  public void setStateValidationParameter(final String key, final byte[] value) {
    checkKey(key);
    beforeWrite();
    validationParameterWrites.put(key, value.clone());
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByRange(
      final String startKey, final String endKey) {
    CompositeKey.validateSimpleKeys(startKey, endKey);
    return iterator(
        range(startKey.isEmpty() ? "\u0001" : startKey, endKey, Integer.MAX_VALUE), null);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      final String startKey, final String endKey, final int pageSize, final String bookmark) {
    CompositeKey.validateSimpleKeys(startKey, endKey);
    usedPagination = true;
    final String from =
        bookmark != null && !bookmark.isEmpty()
            ? bookmark
            : startKey.isEmpty() ? "\u0001" : startKey;
    return paged(range(from, endKey, pageSize + 1), pageSize);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
    final String prefix =
        compositeKey == null || compositeKey.isEmpty() ? CompositeKey.NAMESPACE : compositeKey;
    return iterator(range(prefix, prefix + MAX_UNICODE_RUNE, Integer.MAX_VALUE), null);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
      final String objectType, final String... attributes) {
    return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
      final CompositeKey compositeKey) {
    return getStateByPartialCompositeKey(compositeKey.toString());
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      final CompositeKey compositeKey, final int pageSize, final String bookmark) {
    usedPagination = true;
    final String prefix = compositeKey.toString();
    final String from = bookmark != null && !bookmark.isEmpty() ? bookmark : prefix;
    return paged(range(from, prefix + MAX_UNICODE_RUNE, pageSize + 1), pageSize);
  }

  @Override
  public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
    return new CompositeKey(objectType, attributes);
  }

  @Override
  public CompositeKey splitCompositeKey(final String compositeKey) {
    return CompositeKey.parseCompositeKey(compositeKey);
  }

  @Override
  public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
    throw new UnsupportedOperationException("rich queries need CouchDB; regnet uses LevelDB");
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      final String query, final int pageSize, final String bookmark) {
    throw new UnsupportedOperationException("rich queries need CouchDB; regnet uses LevelDB");
  }

  @Override
  public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
    final List<KeyModification> mods = new ArrayList<>();
    synchronized (ledger) {
      for (InMemoryLedger.Modification m : ledger.history.getOrDefault(key, List.of())) {
        mods.add(new Mod(m));
      }
    }
    return iterator(mods, null);
  }

  // ---- private data

  @Override
  public byte[] getPrivateData(final String collection, final String key) {
    checkMember(collection);
    checkKey(key);
    synchronized (ledger) {
      final TreeMap<String, byte[]> c = ledger.privateData.get(collection);
      final byte[] v = c == null ? null : c.get(key);
      return v == null ? new byte[0] : v.clone();
    }
  }

  @Override
  public byte[] getPrivateDataHash(final String collection, final String key) {
    checkKey(key);
    synchronized (ledger) {
      final TreeMap<String, byte[]> c = ledger.privateHashes.get(collection);
      final byte[] v = c == null ? null : c.get(key);
      return v == null ? new byte[0] : v.clone();
    }
  }

  @Override
  public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
    checkKey(key);
    synchronized (ledger) {
      final Map<String, byte[]> c = ledger.privateValidationParameters.get(collection);
      final byte[] v = c == null ? null : c.get(key);
      return v == null ? null : v.clone();
    }
  }

  @Override
  public void putPrivateData(final String collection, final String key, final byte[] value) {
    checkCollection(collection);
    checkKey(key);
    beforeWrite();
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("value must not be empty");
    }
    privateWrites
        .computeIfAbsent(collection, c -> new TreeMap<>(InMemoryLedger.BYTE_ORDER))
        .put(key, value.clone());
  }

  @Override
  public void setPrivateDataValidationParameter(
      final String collection, final String key, final byte[] value) {
    checkCollection(collection);
    checkKey(key);
    beforeWrite();
    privateValidationParameterWrites
        .computeIfAbsent(collection, c -> new TreeMap<>(InMemoryLedger.BYTE_ORDER))
        .put(key, value.clone());
  }

  @Override
  public void delPrivateData(final String collection, final String key) {
    checkCollection(collection);
    beforeWrite();
    privateWrites
        .computeIfAbsent(collection, c -> new TreeMap<>(InMemoryLedger.BYTE_ORDER))
        .put(key, null);
  }

  @Override
  public void purgePrivateData(final String collection, final String key) {
    delPrivateData(collection, key);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByRange(
      final String collection, final String startKey, final String endKey) {
    checkMember(collection);
    beforePrivateQuery();
    CompositeKey.validateSimpleKeys(startKey, endKey);
    return iterator(privateRange(collection, startKey, endKey), null);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      final String collection, final String compositeKey) {
    checkMember(collection);
    beforePrivateQuery();
    return iterator(privateRange(collection, compositeKey, compositeKey + MAX_UNICODE_RUNE), null);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      final String collection, final CompositeKey compositeKey) {
    return getPrivateDataByPartialCompositeKey(collection, compositeKey.toString());
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      final String collection, final String objectType, final String... attributes) {
    return getPrivateDataByPartialCompositeKey(
        collection, new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(
      final String collection, final String query) {
    throw new UnsupportedOperationException("rich queries need CouchDB; regnet uses LevelDB");
  }

  private boolean writePerformed;
  private boolean privateQueryPerformed;

  /**
   * Fabric's transaction simulator refuses any write after a range or partial-key query of private
   * data ("Transaction has already performed queries on pvt data. Writes are not allowed"), and
   * such a query after any write ("Queries on pvt data is supported only in a read-only
   * transaction"): the peer cannot re-validate private queries at commit.
   */
  private void beforeWrite() {
    if (privateQueryPerformed) {
      throw new IllegalStateException(
          "txid ["
              + spec.txId()
              + "]: unsuppored transaction. Transaction has already performed queries on pvt"
              + " data. Writes are not allowed");
    }
    writePerformed = true;
  }

  private void beforePrivateQuery() {
    if (writePerformed) {
      throw new IllegalStateException(
          "txid ["
              + spec.txId()
              + "]: Queries on pvt data is supported only in a read-only transaction");
    }
    privateQueryPerformed = true;
  }

  // ---- events

  @Override
  public void setEvent(final String name, final byte[] payload) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("event name can not be nil or empty string");
    }
    eventName = name;
    eventPayload = payload == null ? new byte[0] : payload.clone();
    eventsSet++;
  }

  @Override
  public ChaincodeEvent getEvent() {
    if (eventName == null) {
      return null;
    }
    return ChaincodeEvent.newBuilder()
        .setEventName(eventName)
        .setPayload(ByteString.copyFrom(eventPayload))
        .setTxId(spec.txId())
        .build();
  }

  // ---- helpers

  private static void checkKey(final String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
  }

  private void checkCollection(final String collection) {
    if (collection == null || collection.isEmpty()) {
      throw new IllegalArgumentException("collection must not be empty");
    }
    if (!collection.startsWith(IMPLICIT)) {
      defined(collection);
    }
  }

  /**
   * A peer only holds (and can read) the private data of collections its organisation is member of.
   */
  private void checkMember(final String collection) {
    checkCollection(collection);
    if (collection.startsWith(IMPLICIT)) {
      if (!collection.equals(IMPLICIT + spec.peerMsp())) {
        throw new IllegalStateException(
            "peer of " + spec.peerMsp() + " is not a member of collection " + collection);
      }
      return;
    }
    final StaticCollection def = defined(collection);
    if (!def.members().contains(spec.peerMsp())) {
      throw new IllegalStateException(
          "peer of " + spec.peerMsp() + " is not a member of collection " + collection);
    }
    if (def.memberOnlyRead() && !def.members().contains(creatorMsp())) {
      throw new IllegalStateException(
          "tx creator does not have read access permission on privatedata in collection "
              + collection);
    }
  }

  /** Writing to a collection the chaincode definition does not declare fails, as in Fabric. */
  private StaticCollection defined(final String collection) {
    final StaticCollection def = ledger.collection(collection);
    if (def == null) {
      throw new IllegalStateException("collection " + collection + " not found");
    }
    return def;
  }

  /** The MSP id of the proposal's creator. */
  public String creatorMsp() {
    try {
      return SerializedIdentity.parseFrom(spec.creator()).getMspid();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("creator is not a SerializedIdentity", e);
    }
  }

  private List<KeyValue> range(final String from, final String to, final int limit) {
    final List<KeyValue> out = new ArrayList<>();
    synchronized (ledger) {
      for (Map.Entry<String, InMemoryLedger.Versioned> e :
          ledger.state.subMap(from, true, to, false).entrySet()) {
        if (out.size() >= limit) {
          break;
        }
        out.add(new KV(e.getKey(), e.getValue().value()));
      }
    }
    return out;
  }

  private List<KeyValue> privateRange(final String collection, final String from, final String to) {
    final List<KeyValue> out = new ArrayList<>();
    synchronized (ledger) {
      final TreeMap<String, byte[]> c = ledger.privateData.get(collection);
      if (c != null) {
        c.subMap(from, true, to, false).forEach((k, v) -> out.add(new KV(k, v)));
      }
    }
    return out;
  }

  private QueryResultsIteratorWithMetadata<KeyValue> paged(
      final List<KeyValue> fetched, final int pageSize) {
    final List<KeyValue> page = fetched.size() > pageSize ? fetched.subList(0, pageSize) : fetched;
    final String next = fetched.size() > pageSize ? fetched.get(pageSize).getKey() : "";
    final QueryResponseMetadata md =
        QueryResponseMetadata.newBuilder()
            .setFetchedRecordsCount(page.size())
            .setBookmark(next)
            .build();
    return iterator(List.copyOf(page), md);
  }

  private <T> Iter<T> iterator(final List<T> items, final QueryResponseMetadata md) {
    openIterators++;
    return new Iter<>(items, md);
  }

  /** An iterator that must be closed (checked at commit). */
  private final class Iter<T>
      implements QueryResultsIteratorWithMetadata<T>, QueryResultsIterator<T> {
    private final List<T> items;
    private final QueryResponseMetadata md;
    private boolean closed;

    Iter(final List<T> items, final QueryResponseMetadata md) {
      this.items = items;
      this.md = md;
    }

    @Override
    public Iterator<T> iterator() {
      if (closed) {
        throw new IllegalStateException("iterator closed");
      }
      return items.iterator();
    }

    @Override
    public QueryResponseMetadata getMetadata() {
      return md;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        openIterators--;
      }
    }
  }

  private record KV(String key, byte[] value) implements KeyValue {
    @Override
    public String getKey() {
      return key;
    }

    @Override
    public byte[] getValue() {
      return value.clone();
    }

    @Override
    public String getStringValue() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  private record Mod(InMemoryLedger.Modification m) implements KeyModification {
    @Override
    public String getTxId() {
      return m.txId();
    }

    @Override
    public byte[] getValue() {
      return m.value().clone();
    }

    @Override
    public String getStringValue() {
      return new String(m.value(), StandardCharsets.UTF_8);
    }

    @Override
    public Instant getTimestamp() {
      return m.timestamp();
    }

    @Override
    public boolean isDeleted() {
      return m.deleted();
    }
  }
}
