package org.regnet.chaincode.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.json.Json;

/**
 * Transaction-scoped access to the ledger. Reads go to the stub (committed state, as in Fabric);
 * writes and the event are buffered and handed to the stub, in sorted key order, only by {@link
 * #flush()} after the transaction function succeeded, so a failed transaction writes nothing.
 */
public final class Ledger {

  private final ChaincodeStub stub;
  private final TreeMap<String, byte[]> writes = new TreeMap<>();
  private final TreeMap<String, TreeMap<String, byte[]>> privateWrites = new TreeMap<>();
  private final TreeMap<String, Endorsement> policies = new TreeMap<>();
  private final TreeMap<String, TreeMap<String, Endorsement>> privatePolicies = new TreeMap<>();
  private final TreeMap<String, TreeSet<String>> privatePurges = new TreeMap<>();
  private String eventName;
  private byte[] eventPayload;

  public Ledger(final ChaincodeStub stub) {
    this.stub = stub;
  }

  public ChaincodeStub stub() {
    return stub;
  }

  public String key(final String type, final String... attributes) {
    return stub.createCompositeKey(type, attributes).toString();
  }

  public <T> Optional<T> get(final String key, final Class<T> type) {
    final byte[] v = stub.getState(key);
    return v == null || v.length == 0 ? Optional.empty() : Optional.of(Json.read(v, type));
  }

  public boolean exists(final String key) {
    final byte[] v = stub.getState(key);
    return v != null && v.length > 0;
  }

  public void put(final String key, final Object value) {
    writes.put(key, Json.bytes(value));
  }

  /** Writes the value and makes {@code owners}' peers the only ones that can change the key. */
  public void put(final String key, final Object value, final Endorsement owners) {
    put(key, value);
    policies.put(key, owners);
  }

  public void putString(final String key, final String value) {
    writes.put(key, value.getBytes(StandardCharsets.UTF_8));
  }

  public void putString(final String key, final String value, final Endorsement owners) {
    putString(key, value);
    policies.put(key, owners);
  }

  public void delete(final String key) {
    writes.put(key, null);
  }

  public <T> Optional<T> getPrivate(
      final String collection, final String key, final Class<T> type) {
    final byte[] v = stub.getPrivateData(collection, key);
    return v == null || v.length == 0 ? Optional.empty() : Optional.of(Json.read(v, type));
  }

  public boolean existsPrivate(final String collection, final String key) {
    final byte[] v = stub.getPrivateData(collection, key);
    return v != null && v.length > 0;
  }

  public void putPrivate(final String collection, final String key, final Object value) {
    privateWrites.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, Json.bytes(value));
  }

  /** A private write whose key only {@code owners}' peers can change afterwards. */
  public void putPrivate(
      final String collection, final String key, final Object value, final Endorsement owners) {
    putPrivate(collection, key, value);
    privatePolicies.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, owners);
  }

  /** Deletes a private key (its hash stays on every peer's ledger until purged). */
  public void deletePrivate(final String collection, final String key) {
    privateWrites.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, null);
  }

  /**
   * Deletes a private key and purges its past values from the members' private data stores (only
   * the hashes stay in the blocks); needs the channel's V2_5 application capability.
   */
  public void purgePrivate(final String collection, final String key) {
    privatePurges.computeIfAbsent(collection, c -> new TreeSet<>()).add(key);
  }

  /** Private values under a partial composite key, at most {@code limit}, iterator closed. */
  public List<KeyValue> partialPrivate(
      final String collection, final String type, final int limit, final String... attributes) {
    return drain(
        () ->
            stub.getPrivateDataByPartialCompositeKey(
                collection, new CompositeKey(type, attributes)),
        limit);
  }

  /** Simple keys in [start, end) of a collection, at most {@code limit}, iterator closed. */
  public List<KeyValue> rangePrivate(
      final String collection, final String start, final String end, final int limit) {
    return drain(() -> stub.getPrivateDataByRange(collection, start, end), limit);
  }

  /** Public simple keys in [start, end), at most {@code limit}, iterator closed. */
  public List<KeyValue> range(final String start, final String end, final int limit) {
    return drain(() -> stub.getStateByRange(start, end), limit);
  }

  /**
   * A page over several key ranges with one key space, e.g. the same audit index in public state
   * and in pair collections: {@code sources} each return at most n keys in [from, end) in key
   * order; the page is the first {@code pageSize} of their union, and its bookmark the last key
   * returned (the next page starts just after it).
   */
  public <T> Page<T> mergedPage(
      final String start,
      final String end,
      final int pageSize,
      final String bookmark,
      final List<java.util.function.BiFunction<String, Integer, List<KeyValue>>> sources,
      final Function<KeyValue, T> mapper) {
    final String mark = decode(bookmark);
    if (!mark.isEmpty() && (mark.compareTo(start) < 0 || mark.compareTo(end) >= 0)) {
      throw ErrorCode.VALIDATION_FAILED.exception("bookmark", "does not belong to this query");
    }
    final String from = mark.isEmpty() ? start : mark + "\u0000";
    final TreeMap<String, KeyValue> all = new TreeMap<>();
    for (java.util.function.BiFunction<String, Integer, List<KeyValue>> source : sources) {
      for (KeyValue kv : source.apply(from, pageSize + 1)) {
        all.put(kv.getKey(), kv);
      }
    }
    final List<T> items = new ArrayList<>();
    String last = null;
    for (KeyValue kv : all.values()) {
      if (items.size() >= pageSize) {
        break;
      }
      last = kv.getKey();
      final T t = mapper.apply(kv);
      if (t != null) {
        items.add(t);
      }
    }
    final String next = all.size() > pageSize && last != null ? encode(last) : "";
    return new Page<>(items, items.size(), next);
  }

  /** Sets the transaction's one chaincode event. */
  public void event(final String name, final Object payload) {
    if (eventName != null) {
      throw ErrorCode.INTERNAL.exception("event", "a transaction emits one event");
    }
    eventName = name;
    eventPayload = Json.bytes(payload);
  }

  /** Hands the buffered writes, their key-level policies and the event to the stub. */
  public void flush() {
    for (Map.Entry<String, TreeMap<String, byte[]>> c : privateWrites.entrySet()) {
      for (Map.Entry<String, byte[]> e : c.getValue().entrySet()) {
        if (e.getValue() == null) {
          stub.delPrivateData(c.getKey(), e.getKey());
        } else {
          stub.putPrivateData(c.getKey(), e.getKey(), e.getValue());
        }
      }
    }
    for (Map.Entry<String, TreeSet<String>> c : privatePurges.entrySet()) {
      for (String key : c.getValue()) {
        stub.purgePrivateData(c.getKey(), key);
      }
    }
    for (Map.Entry<String, TreeMap<String, Endorsement>> c : privatePolicies.entrySet()) {
      for (Map.Entry<String, Endorsement> e : c.getValue().entrySet()) {
        final TreeMap<String, byte[]> written = privateWrites.get(c.getKey());
        // a key deleted in this transaction keeps no policy
        if (written == null
            || !written.containsKey(e.getKey())
            || written.get(e.getKey()) != null) {
          stub.setPrivateDataValidationParameter(c.getKey(), e.getKey(), e.getValue().policy());
        }
      }
    }
    for (Map.Entry<String, byte[]> e : writes.entrySet()) {
      if (e.getValue() == null) {
        stub.delState(e.getKey());
      } else {
        stub.putState(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Endorsement> e : policies.entrySet()) {
      if (writes.get(e.getKey()) != null) {
        stub.setStateValidationParameter(e.getKey(), e.getValue().policy());
      }
    }
    if (eventName != null) {
      stub.setEvent(eventName, eventPayload);
    }
    writes.clear();
    privateWrites.clear();
    policies.clear();
    privatePolicies.clear();
    privatePurges.clear();
    eventName = null;
  }

  /** Values under a partial composite key, at most {@code limit}, iterator closed. */
  public List<KeyValue> partial(final String type, final int limit, final String... attributes) {
    return drain(
        () -> stub.getStateByPartialCompositeKey(new CompositeKey(type, attributes)), limit);
  }

  /** A page under a partial composite key; the bookmark must lie under the same prefix. */
  public <T> Page<T> partialPage(
      final CompositeKey prefix,
      final int pageSize,
      final String bookmark,
      final Function<KeyValue, T> mapper) {
    final String fabricMark = decode(bookmark);
    if (!fabricMark.isEmpty() && !fabricMark.startsWith(prefix.toString())) {
      throw ErrorCode.VALIDATION_FAILED.exception("bookmark", "does not belong to this query");
    }
    try (QueryResultsIteratorWithMetadata<KeyValue> it =
        stub.getStateByPartialCompositeKeyWithPagination(prefix, pageSize, fabricMark)) {
      return page(it, mapper);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw ErrorCode.INTERNAL.exception("query", "iterator failed to close");
    }
  }

  /** A page of simple keys in [start, end); the bookmark must lie in the range. */
  public <T> Page<T> rangePage(
      final String start,
      final String end,
      final int pageSize,
      final String bookmark,
      final Function<KeyValue, T> mapper) {
    final String fabricMark = decode(bookmark);
    if (!fabricMark.isEmpty()
        && (fabricMark.compareTo(start) < 0 || fabricMark.compareTo(end) >= 0)) {
      throw ErrorCode.VALIDATION_FAILED.exception("bookmark", "does not belong to this query");
    }
    try (QueryResultsIteratorWithMetadata<KeyValue> it =
        stub.getStateByRangeWithPagination(start, end, pageSize, fabricMark)) {
      return page(it, mapper);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw ErrorCode.INTERNAL.exception("query", "iterator failed to close");
    }
  }

  private static <T> Page<T> page(
      final QueryResultsIteratorWithMetadata<KeyValue> it, final Function<KeyValue, T> mapper) {
    final List<T> items = new ArrayList<>();
    int fetched = 0;
    for (KeyValue kv : it) {
      fetched++;
      final T t = mapper.apply(kv);
      if (t != null) {
        items.add(t);
      }
    }
    final String next = fabricBookmark(it);
    // an empty page or fewer records than asked means there is nothing after it
    final String mark = fetched == 0 || next == null || next.isEmpty() ? "" : encode(next);
    return new Page<>(items, items.size(), mark);
  }

  /**
   * The shim's metadata type comes from fabric-protos, which the shim ships at runtime scope only,
   * so it is read reflectively here rather than adding a dependency version outside the parent pom.
   */
  private static String fabricBookmark(final QueryResultsIteratorWithMetadata<KeyValue> it) {
    try {
      final Object metadata =
          QueryResultsIteratorWithMetadata.class.getMethod("getMetadata").invoke(it);
      if (metadata == null) {
        return "";
      }
      final Object mark = metadata.getClass().getMethod("getBookmark").invoke(metadata);
      return mark == null ? "" : mark.toString();
    } catch (ReflectiveOperationException e) {
      throw ErrorCode.INTERNAL.exception("query", "cannot read the page metadata");
    }
  }

  private static String encode(final String fabricBookmark) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(fabricBookmark.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(final String bookmark) {
    if (bookmark == null || bookmark.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(bookmark), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "bookmark", "not a bookmark returned by a previous page");
    }
  }

  private static KeyValue copy(final KeyValue kv) {
    final String k = kv.getKey();
    final byte[] v = kv.getValue().clone();
    return new KeyValue() {
      @Override
      public String getKey() {
        return k;
      }

      @Override
      public byte[] getValue() {
        return v.clone();
      }

      @Override
      public String getStringValue() {
        return new String(v, StandardCharsets.UTF_8);
      }
    };
  }

  /** At most {@code limit} values of the iterator {@code open} gives, copied; iterator closed. */
  private static List<KeyValue> drain(
      final Supplier<QueryResultsIterator<KeyValue>> open, final int limit) {
    final List<KeyValue> out = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> it = open.get()) {
      for (KeyValue kv : it) {
        if (out.size() >= limit) {
          break;
        }
        out.add(copy(kv));
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw ErrorCode.INTERNAL.exception("query", "iterator failed to close");
    }
    return out;
  }
}
