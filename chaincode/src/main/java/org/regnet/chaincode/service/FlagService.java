package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.model.AuditEntry;
import org.regnet.chaincode.model.Flag;
import org.regnet.chaincode.model.FlagStatus;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.FlagRequest;
import org.regnet.chaincode.request.IdRef;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.validate.Check;

/**
 * Illicit-activity flags. The identifier never reaches the chaincode: the client sends a keyed hash
 * (HMAC with the treaty's lookup key, held by members off-chain) in the transient map.
 *
 * <p>A lookup is audited (docs/chaincode-design.md, "Flag match audit"): {@code flag:lookup} is a
 * query and cannot write, so it answers only whether there is a match and an opaque handle per
 * matched flag (its id and originator, so the client can name the endorsers); the flag's details
 * are released only by {@code flag:recordMatch}, a transaction that writes an audit entry the
 * flag's originator and the looker can see. The hash travels in the transient map, never in the
 * block.
 */
public final class FlagService {

  static final int MAX_LOOKUP_RESULTS = 100;

  private FlagService() {}

  /** One matched flag, as {@code flag:lookup} names it: no detail beyond who raised it. */
  public record Match(String flagId, String originator) {}

  /** The result of {@code flag:lookup}. */
  public record LookupResult(String treatyId, boolean flagged, List<Match> matches) {}

  /**
   * The result of {@code flag:recordMatch}: the flag, and the audit entry that records the match.
   */
  public record MatchRecord(Flag flag, String auditId) {}

  /** The value under {@code Keys.FLAG_MATCH_PROOF}: SHA-256 of the flag's lookup key. */
  public record MatchProof(String sha256) {}

  public static Flag raise(final RegnetContext ctx, final FlagRequest.Raise raw) {
    final Instant now = ctx.now();
    final FlagRequest.Raise req = raw.validated(now);
    final String lookupKey = lookupKey(ctx);
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    final String id = ctx.newId("FLG");
    if (ctx.ledger().exists(Repository.flagKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("flagId", "flag " + id + " already exists");
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
    Repository.save(ctx, f);
    final Endorsement own = Endorsement.allOf(List.of(c.msp()));
    ctx.ledger()
        .putString(ctx.ledger().key(Keys.FLAG_LOOKUP, t.treatyId(), lookupKey, id), id, own);
    ctx.ledger().put(proofKey(ctx, id), new MatchProof(proof(lookupKey)), own);
    AuditLog.record(
        ctx,
        Change.of("flag.raised", "flag", id, t.treatyId(), t.allMsps(), f.status().name())
            .ownedBy(own));
    return f;
  }

  public static Flag retract(final RegnetContext ctx, final IdRef.FlagRef ref) {
    final Flag f = Repository.flag(ctx, ref.id());
    final Caller c = ctx.caller();
    if (!f.originator().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "flagId", "only the originator " + f.originator() + " may retract");
    }
    final Treaty t = Repository.treaty(ctx, f.treatyId());
    AccessPolicy.requireCurrentMember(c, t);
    if (f.status() != FlagStatus.ACTIVE) {
      throw ErrorCode.INVALID_STATE.exception("flagId", "flag is " + f.status());
    }
    final Flag next = f.retracted(ctx.nowString());
    Repository.save(ctx, next);
    AuditLog.record(
        ctx,
        Change.of(
                "flag.retracted",
                "flag",
                f.flagId(),
                f.treatyId(),
                t.allMsps(),
                next.status().name())
            .ownedBy(Endorsement.allOf(List.of(f.originator()))));
    return next;
  }

  public static LookupResult lookup(final RegnetContext ctx, final FlagRequest.Lookup raw) {
    final FlagRequest.Lookup req = raw.validated();
    final String lookupKey = lookupKey(ctx);
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(ctx.caller(), t);
    final Instant now = ctx.now();
    final List<Match> matches = new ArrayList<>();
    for (KeyValue kv :
        ctx.ledger().partial(Keys.FLAG_LOOKUP, MAX_LOOKUP_RESULTS, t.treatyId(), lookupKey)) {
      final Flag f = Repository.flag(ctx, new String(kv.getValue(), StandardCharsets.UTF_8));
      if (live(f, now)) {
        matches.add(new Match(f.flagId(), f.originator()));
      }
    }
    return new LookupResult(t.treatyId(), !matches.isEmpty(), matches);
  }

  /**
   * Reveals one matched flag and records the match: the caller proves it knows the identifier (the
   * lookup key in the transient map must index this flag), and the audit entry, visible to the
   * flag's originator and the caller only, is owned by both their peers. The entry holds no hash.
   */
  public static MatchRecord recordMatch(
      final RegnetContext ctx, final FlagRequest.RecordMatch raw) {
    final FlagRequest.RecordMatch req = raw.validated();
    final String lookupKey = lookupKey(ctx);
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    // Compare by the flag id: reading the lookup index here would put the queried hash into the
    // transaction's read set, which is in the block. A flag raised before match proofs existed
    // has none; for it the index is the only evidence, and its read set does carry the hash.
    final String expected =
        ctx.ledger()
            .get(proofKey(ctx, req.flagId()), MatchProof.class)
            .map(MatchProof::sha256)
            .orElse(null);
    final boolean indexed =
        expected != null
            ? expected.equals(proof(lookupKey))
            : ctx.ledger()
                .exists(ctx.ledger().key(Keys.FLAG_LOOKUP, t.treatyId(), lookupKey, req.flagId()));
    final Flag f = indexed ? Repository.flag(ctx, req.flagId()) : null;
    // one answer for "no such flag", "another identifier" and "not live": none reveals a flag
    if (f == null || !f.treatyId().equals(t.treatyId()) || !live(f, ctx.now())) {
      throw ErrorCode.NOT_FOUND.exception("flagId", "no live flag matches this lookup");
    }
    final List<String> parties = List.of(f.originator(), c.msp());
    final AuditEntry entry =
        AuditLog.record(
            ctx,
            Change.of("flag.matched", "flag", f.flagId(), t.treatyId(), parties, f.status().name())
                .ownedBy(Endorsement.allOf(parties)));
    return new MatchRecord(f, entry.entryId());
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

  /** Fetches a treaty-level flag for the audit access check. */
  public static Flag flagFor(final RegnetContext ctx, final String id) {
    return Repository.flag(ctx, id);
  }

  private static String lookupKey(final RegnetContext ctx) {
    final byte[] raw = Transient.required(ctx.getStub(), "lookupKey", 64);
    return Check.hex("transient.lookupKey", new String(raw, StandardCharsets.UTF_8), 64);
  }
}
