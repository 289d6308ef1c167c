package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.AuditEntry;
import org.regnet.chaincode.model.Flag;
import org.regnet.chaincode.model.FlagStatus;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.FlagRequest;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.validate.Check;

/**
 * Illicit-activity flags, held only by the peers of the flag's treaty members (decision 0021).
 *
 * <p>A flag lives in the pair collections of its originator: {@code flag:raise} writes one copy
 * (the record, its lookup index entry and its match proof) into the pair collection of the
 * originator and one treaty member, so one transaction per member, which the originator's node fans
 * out; {@code flag:retract} fans out the same way. Each of these transactions writes one collection
 * only, so a standard Gateway client needs to name no endorsers: discovery finds the pair's two
 * peers. Their requests travel in the transient map and their results carry nothing about the flag,
 * since arguments, results and events are in the block that every channel member holds.
 *
 * <p>The identifier never reaches the chaincode: the client sends a keyed hash (HMAC with the
 * treaty's lookup key, held by members off-chain). {@code flag:lookup}, a query on the caller's own
 * peer, reads the caller's pair collections with the treaty's members and names one handle per live
 * match. The details are released to a certificate only after {@code flag:recordMatch} has recorded
 * its match in the pair collection of the flag's originator and the looker, where the originator
 * sees the audit entry (docs/chaincode-design.md, "Flag match audit").
 */
public final class FlagService {

  static final int MAX_LOOKUP_RESULTS = 100;

  /** Largest transient request of a flag transaction, in bytes. */
  static final int MAX_REQUEST = 16 * 1024;

  private FlagService() {}

  /**
   * One matched flag, as {@code flag:lookup} names it: who raised it and, once this certificate has
   * recorded a match (or raised it), the flag itself; otherwise {@code flag} is null.
   */
  public record Match(String flagId, String originator, Flag flag) {}

  /** The result of {@code flag:lookup}. */
  public record LookupResult(String treatyId, boolean flagged, List<Match> matches) {}

  /** The value under {@code Keys.FLAG_MATCH_PROOF}: SHA-256 of the flag's lookup key. */
  public record MatchProof(String sha256) {}

  /**
   * The value under {@code Keys.FLAG_SOURCE}: what the originator needs to write the same flag for
   * another member (both peers of the pair hold the lookup key anyway, in the index key).
   */
  public record Source(String lookupKey, String idempotencyKey) {}

  /** The result of {@code flag:copy}: the flag and the keys that write another copy of it. */
  public record Copy(Flag flag, String lookupKey, String idempotencyKey) {}

  /**
   * Writes the flag's copy for one treaty member. The flag id comes from the idempotency key
   * (required), so every copy, and every retry, names the same flag; a copy that exists already is
   * left as it is. Returns nothing about the flag: the result is in the block.
   */
  public static Map<String, Object> raise(final RegnetContext ctx) {
    final Instant now = ctx.now();
    final byte[] raw = Transient.required(ctx.getStub(), FlagRequest.TRANSIENT, MAX_REQUEST);
    final FlagRequest.Raise req =
        Json.parse("transient." + FlagRequest.TRANSIENT, raw, MAX_REQUEST, FlagRequest.Raise.class)
            .validated(now);
    final String lookupKey = lookupKey(ctx);
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    requireOtherActiveMember(c, t, req.member(), "member");
    final String id = flagId(ctx);
    final PairStore store = PairStore.of(ctx.ledger(), c.msp(), req.member());
    final Optional<Flag> existing = store.get(flagKey(ctx, id), Flag.class);
    if (existing.isPresent()) {
      if (!existing.get().originator().equals(c.msp())
          || !existing.get().treatyId().equals(t.treatyId())) {
        throw ErrorCode.CONFLICT.exception("flagId", "another flag has this id");
      }
      return shared(req.member(), false);
    }
    final Flag f =
        new Flag(
            id,
            t.treatyId(),
            c.msp(),
            req.subjectType(),
            req.chainId(),
            req.category(),
            req.confidence(),
            Instant.parse(req.expiresAt()).toString(),
            req.evidenceRef(),
            FlagStatus.ACTIVE,
            now.toString(),
            null);
    store.put(flagKey(ctx, id), f);
    store.put(ctx.ledger().key(Keys.FLAG_LOOKUP, t.treatyId(), lookupKey, id), id);
    store.put(proofKey(ctx, id), new MatchProof(proof(lookupKey)));
    store.put(
        ctx.ledger().key(Keys.FLAG_SOURCE, id),
        new Source(
            lookupKey,
            new String(
                ctx.getStub().getTransient().get(RegnetContext.IDEMPOTENCY_KEY),
                StandardCharsets.UTF_8)));
    FlagAudit.record(
        ctx, store, "flag.raised", f, List.of(c.msp(), req.member()), FlagAudit.requestHash(raw));
    return shared(req.member(), true);
  }

  /**
   * Retracts the flag's copy for one member; only the originator may, and a copy already retracted
   * is left as it is (the originator's node retries the fan-out).
   */
  public static Map<String, Object> retract(final RegnetContext ctx) {
    final byte[] raw = Transient.required(ctx.getStub(), FlagRequest.TRANSIENT, MAX_REQUEST);
    final FlagRequest.Retract req =
        Json.parse(
                "transient." + FlagRequest.TRANSIENT, raw, MAX_REQUEST, FlagRequest.Retract.class)
            .validated();
    final Caller c = ctx.caller();
    if (c.msp().equals(req.member())) {
      throw ErrorCode.VALIDATION_FAILED.exception("member", "must be another member");
    }
    final PairStore store = PairStore.of(ctx.ledger(), c.msp(), req.member());
    final Flag f =
        store
            .get(flagKey(ctx, req.flagId()), Flag.class)
            .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("flagId", "no flag with this member"));
    if (!f.originator().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "flagId", "only the originator " + f.originator() + " may retract");
    }
    AccessPolicy.requireCurrentMember(c, Repository.treaty(ctx, f.treatyId()));
    if (f.status() != FlagStatus.ACTIVE) {
      return shared(req.member(), false);
    }
    final Flag next = f.retracted(ctx.nowString());
    store.put(flagKey(ctx, f.flagId()), next);
    FlagAudit.record(
        ctx,
        store,
        "flag.retracted",
        next,
        List.of(c.msp(), req.member()),
        FlagAudit.requestHash(raw));
    return shared(req.member(), true);
  }

  /**
   * The live flags under the lookup key in the caller's pair collections with the treaty's members.
   * Runs on the caller's own peer only: no other peer holds those collections, and no other
   * organisation should see the queried hash.
   */
  public static LookupResult lookup(final RegnetContext ctx, final FlagRequest.Lookup raw) {
    final FlagRequest.Lookup req = raw.validated();
    final String lookupKey = lookupKey(ctx);
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    AccessPolicy.requireOwnPeer(ctx.getStub(), c);
    final Instant now = ctx.now();
    // a flag of the caller's own is in every pair it shares: one entry per flag id
    final Map<String, Match> matches = new LinkedHashMap<>();
    for (String other : t.allMsps()) {
      if (other.equals(c.msp())) {
        continue;
      }
      final PairStore store = PairStore.of(ctx.ledger(), c.msp(), other);
      for (KeyValue kv :
          store.list(Keys.FLAG_LOOKUP, MAX_LOOKUP_RESULTS, t.treatyId(), lookupKey)) {
        final String id = Json.read(kv.getValue(), String.class);
        if (matches.containsKey(id)) {
          continue;
        }
        final Flag f = store.get(flagKey(ctx, id), Flag.class).orElse(null);
        if (f != null && live(f, now)) {
          final boolean revealed =
              f.originator().equals(c.msp())
                  || store.exists(ctx.ledger().key(Keys.FLAG_MATCH, id, c.certFingerprint()));
          matches.put(id, new Match(id, f.originator(), revealed ? f : null));
        }
      }
    }
    final List<Match> list = new ArrayList<>(matches.values());
    return new LookupResult(t.treatyId(), !list.isEmpty(), list);
  }

  /**
   * The caller's own flag with the keys that wrote it, from any of its pairs with the treaty's
   * members, on its own peer: the originator's node writes the same flag (same id, same lookup key)
   * for a member admitted to the treaty after it was raised. Only the originator may ask.
   */
  public static Copy copy(final RegnetContext ctx, final FlagRequest.Copy raw) {
    final FlagRequest.Copy req = raw.validated();
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    AccessPolicy.requireOwnPeer(ctx.getStub(), c);
    for (String other : t.allMsps()) {
      if (other.equals(c.msp())) {
        continue;
      }
      final PairStore store = PairStore.of(ctx.ledger(), c.msp(), other);
      final Optional<Flag> f = store.get(flagKey(ctx, req.flagId()), Flag.class);
      final Optional<Source> src =
          store.get(ctx.ledger().key(Keys.FLAG_SOURCE, req.flagId()), Source.class);
      if (f.isPresent()
          && src.isPresent()
          && f.get().originator().equals(c.msp())
          && f.get().treatyId().equals(t.treatyId())) {
        return new Copy(f.get(), src.get().lookupKey(), src.get().idempotencyKey());
      }
    }
    throw ErrorCode.NOT_FOUND.exception("flagId", "no flag of yours with this id under the treaty");
  }

  /**
   * Records a match of another member's flag: the caller proves it knows the identifier (the lookup
   * key in the transient map must be this flag's), and the audit entry goes into the pair
   * collection of the originator and the caller, where both see it; from then on {@code
   * flag:lookup} shows the caller's certificate the flag. Written by both their peers (the pair's
   * policy), so only they see the queried hash. Returns the entry's id only: the result is in the
   * block.
   */
  public static Map<String, Object> recordMatch(final RegnetContext ctx) {
    final byte[] raw = Transient.required(ctx.getStub(), FlagRequest.TRANSIENT, MAX_REQUEST);
    final FlagRequest.RecordMatch req =
        Json.parse(
                "transient." + FlagRequest.TRANSIENT,
                raw,
                MAX_REQUEST,
                FlagRequest.RecordMatch.class)
            .validated();
    final String lookupKey = lookupKey(ctx);
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    if (req.originator().equals(c.msp())) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "originator", "a flag of your own: flag:lookup shows it");
    }
    if (t.member(req.originator()).isEmpty()) {
      throw ErrorCode.NOT_FOUND.exception("flagId", "no live flag matches this lookup");
    }
    final PairStore store = PairStore.of(ctx.ledger(), req.originator(), c.msp());
    // Compare by the flag id: reading the lookup index here would put the queried hash into the
    // transaction's read set.
    final boolean indexed =
        store
            .get(proofKey(ctx, req.flagId()), MatchProof.class)
            .map(p -> p.sha256().equals(proof(lookupKey)))
            .orElse(false);
    final Flag f = indexed ? store.get(flagKey(ctx, req.flagId()), Flag.class).orElse(null) : null;
    // one answer for "no such flag", "another identifier" and "not live": none reveals a flag
    if (f == null
        || !f.treatyId().equals(t.treatyId())
        || !f.originator().equals(req.originator())
        || !live(f, ctx.now())) {
      throw ErrorCode.NOT_FOUND.exception("flagId", "no live flag matches this lookup");
    }
    final AuditEntry entry =
        FlagAudit.record(
            ctx,
            store,
            "flag.matched",
            f,
            List.of(f.originator(), c.msp()),
            FlagAudit.requestHash(raw));
    store.put(ctx.ledger().key(Keys.FLAG_MATCH, f.flagId(), c.certFingerprint()), entry);
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("matched", true);
    out.put("auditId", entry.entryId());
    return out;
  }

  /** The audit trail of a flag, as the caller's pair collections with the treaty hold it. */
  public static org.regnet.chaincode.state.Page<AuditEntry> audit(
      final RegnetContext ctx, final String treatyId, final String flagId, final int pageSize) {
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, treatyId);
    AccessPolicy.requireMember(c, t);
    AccessPolicy.requireAuditRole(c, false);
    AccessPolicy.requireOwnPeer(ctx.getStub(), c);
    return FlagAudit.byObject(ctx, t, flagId, pageSize);
  }

  private static void requireOtherActiveMember(
      final Caller c, final Treaty t, final String msp, final String field) {
    if (msp.equals(c.msp())) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "must be another member of the treaty");
    }
    if (!t.activeMember(msp)) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "not an active member of the treaty");
    }
  }

  /**
   * The flag's id, from the client's idempotency key: an id from the transaction id would be in the
   * block, and every copy of one flag must carry the same id.
   */
  private static String flagId(final RegnetContext ctx) {
    final Map<String, byte[]> t = ctx.getStub().getTransient();
    if (t == null || t.get(RegnetContext.IDEMPOTENCY_KEY) == null) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient." + RegnetContext.IDEMPOTENCY_KEY,
          "required: it names the flag in every member's copy");
    }
    return ctx.newId("FLG");
  }

  private static Map<String, Object> shared(final String member, final boolean written) {
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("member", member);
    out.put("written", written);
    return out;
  }

  private static String flagKey(final RegnetContext ctx, final String flagId) {
    return ctx.ledger().key(Keys.FLAG, flagId);
  }

  private static String proofKey(final RegnetContext ctx, final String flagId) {
    return ctx.ledger().key(Keys.FLAG_MATCH_PROOF, flagId);
  }

  private static String proof(final String lookupKey) {
    return Hashes.sha256Hex(lookupKey.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean live(final Flag f, final Instant now) {
    return f.status() == FlagStatus.ACTIVE && now.isBefore(Instant.parse(f.expiresAt()));
  }

  private static String lookupKey(final RegnetContext ctx) {
    final byte[] raw = Transient.required(ctx.getStub(), "lookupKey", 64);
    return Check.hex("transient.lookupKey", new String(raw, StandardCharsets.UTF_8), 64);
  }
}
