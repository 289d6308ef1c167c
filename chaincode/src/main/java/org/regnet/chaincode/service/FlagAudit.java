package org.regnet.chaincode.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.AuditEntry;
import org.regnet.chaincode.model.Flag;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Page;
import org.regnet.chaincode.state.PairStore;

/**
 * The audit trail of a flag, kept beside the copy it concerns in the pair collection of the flag's
 * originator and one treaty member (decision 0021): only those two peers hold it. The event of a
 * flag transaction names the pair, the actor and the transaction only; the flag id, treaty and
 * status stay out of it, since every channel member receives every block.
 */
final class FlagAudit {

  /** Most entries one {@code audit:byObject} page of a flag returns (no bookmark). */
  static final int MAX_ENTRIES = 100;

  private FlagAudit() {}

  /** Writes the entry into the pair's collection and emits the transaction's event. */
  static AuditEntry record(
      final RegnetContext ctx,
      final PairStore store,
      final String action,
      final Flag f,
      final List<String> pair,
      final String hash) {
    final List<String> viewers = List.copyOf(new TreeSet<>(pair));
    final AuditEntry entry =
        new AuditEntry(
            ctx.txId() + "-0",
            ctx.txId(),
            ctx.nowString(),
            action,
            f.flagId(),
            "flag",
            f.treatyId(),
            ctx.caller().actor(),
            hash,
            viewers);
    store.put(
        ctx.ledger().key(Keys.FLAG_AUDIT, f.flagId(), Keys.sortable(ctx.now()), ctx.txId()), entry);
    final Map<String, Object> event = new LinkedHashMap<>();
    event.put("event", "regnet." + action);
    event.put("txId", ctx.txId());
    event.put("parties", viewers);
    event.put("actor", ctx.caller().msp());
    ctx.ledger().event("regnet." + action, event);
    return entry;
  }

  /**
   * The entries about {@code flagId} in the caller's pair collections with the treaty's members,
   * oldest first: only the caller's own peer holds them, so the query must run there.
   */
  static Page<AuditEntry> byObject(
      final RegnetContext ctx, final Treaty t, final String flagId, final int pageSize) {
    final String me = ctx.caller().msp();
    final List<AuditEntry> out = new ArrayList<>();
    for (String other : t.allMsps()) {
      if (other.equals(me)) {
        continue;
      }
      final PairStore store = PairStore.of(ctx.ledger(), me, other);
      for (KeyValue kv : store.list(Keys.FLAG_AUDIT, MAX_ENTRIES, flagId)) {
        final AuditEntry e = Json.read(kv.getValue(), AuditEntry.class);
        if (e.viewers().contains(me)) {
          out.add(e);
        }
      }
    }
    out.sort(
        Comparator.comparing((AuditEntry e) -> Instant.parse(e.timestamp()))
            .thenComparing(AuditEntry::txId));
    final List<AuditEntry> page = out.subList(0, Math.min(pageSize, out.size()));
    return new Page<>(page, page.size(), "");
  }

  /** SHA-256 of the transient request: the entry's hash (it stays in the pair's collection). */
  static String requestHash(final byte[] request) {
    return Hashes.sha256Hex(request);
  }
}
