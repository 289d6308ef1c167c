package org.regnet.chaincode.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.AuditEntry;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Ledger;
import org.regnet.chaincode.state.Page;

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
    final String hash = change.payloadHash() != null ? change.payloadHash() : ctx.requestHash();
    final AuditEntry entry =
        new AuditEntry(
            ctx.txId() + "-0",
            ctx.txId(),
            ctx.nowString(),
            change.action(),
            change.objectId(),
            change.objectType(),
            change.treatyId(),
            ctx.caller().actor(),
            hash,
            change.viewers());
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
    ledger.event("regnet." + change.action(), event);
    return entry;
  }

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
    return ctx.ledger()
        .rangePage(
            prefix + Keys.sortable(from),
            prefix + bound(to),
            pageSize,
            bookmark,
            kv -> Json.read(kv.getValue(), AuditEntry.class));
  }

  public static Page<AuditEntry> byTime(
      final RegnetContext ctx,
      final Instant from,
      final Instant to,
      final int pageSize,
      final String bookmark) {
    final String prefix = Keys.AUDIT_TIME + ctx.caller().msp() + "~";
    return ctx.ledger()
        .rangePage(
            prefix + Keys.sortable(from),
            prefix + bound(to),
            pageSize,
            bookmark,
            kv -> Json.read(kv.getValue(), AuditEntry.class));
  }

  private static String bound(final Instant to) {
    // entries at exactly 'to' are "<ts>~..." and sort after "<ts>": [from, to) as documented
    return to.getEpochSecond() > 999_999_999_999L ? END : Keys.sortable(to);
  }
}
