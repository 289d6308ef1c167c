package org.regnet.chaincode.service;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.MembershipChange;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.ReferralLocator;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.PairStore;

/**
 * Loads and stores the objects under their keys (see {@link Keys}), each with the key-level
 * endorsement policy of its owners: a treaty and its membership changes by majority of the treaty's
 * active members, an agreement by both parties. A referral and all that belongs to it live in the
 * parties' pair collection (decision 0020); only a locator under the hash of its id is public.
 * Flags live in pair collections too (FlagService, decision 0021).
 */
public final class Repository {

  private Repository() {}

  public static String treatyKey(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.TREATY, id);
  }

  public static Treaty treaty(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(treatyKey(ctx, id), Treaty.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("treatyId", "no treaty " + id));
  }

  public static void save(final RegnetContext ctx, final Treaty t) {
    ctx.ledger().put(treatyKey(ctx, t.treatyId()), t, treatyWide(t));
  }

  /**
   * Treaty-wide records: more than half of the active members' peers, the same majority the treaty
   * needs for a membership change. (A treaty left without active members keeps all its members.)
   */
  public static Endorsement treatyWide(final Treaty t) {
    return Endorsement.majorityOf(t.activeMsps().isEmpty() ? t.allMsps() : t.activeMsps());
  }

  public static String changeKey(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.MCHANGE, id);
  }

  public static MembershipChange change(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(changeKey(ctx, id), MembershipChange.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("changeId", "no membership change " + id));
  }

  public static void save(final RegnetContext ctx, final MembershipChange c) {
    ctx.ledger().put(changeKey(ctx, c.changeId()), c, treatyWide(treaty(ctx, c.treatyId())));
  }

  public static String agreementKey(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.AGREEMENT, id);
  }

  public static Agreement agreement(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(agreementKey(ctx, id), Agreement.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("agreementId", "no agreement " + id));
  }

  public static void save(final RegnetContext ctx, final Agreement a) {
    // effectiveStatus is computed on read, never stored
    ctx.ledger()
        .put(agreementKey(ctx, a.agreementId()), a.stored(), Endorsement.allOf(a.parties()));
  }

  public static String referralKey(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.REFERRAL, id);
  }

  /** The public key of a referral's locator: the hash of its id, never the id. */
  public static String locatorKey(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .key(
            Keys.REFERRAL_LOCATOR,
            org.regnet.chaincode.Hashes.sha256Hex(
                id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Where the referral lives; NOT_FOUND when no referral has this id. */
  public static ReferralLocator locate(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(locatorKey(ctx, id), ReferralLocator.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("referralId", "no referral " + id));
  }

  /**
   * The referral as the caller's authority may read it: a party's from the pair's collection, an
   * onward recipient's copy from its pair collection with the recipient. Anyone else is refused
   * (ACCESS_DENIED), as before: the locator, under the id's hash, is public anyway.
   */
  public static Referral referral(final RegnetContext ctx, final String id) {
    final ReferralLocator loc = locate(ctx, id);
    final String msp = ctx.caller().msp();
    final java.util.Optional<Referral> r;
    if (msp.equals(loc.originator()) || msp.equals(loc.recipient())) {
      r = pairStore(ctx, loc).get(referralKey(ctx, id), Referral.class);
    } else {
      r =
          PairStore.of(ctx.ledger(), loc.recipient(), msp)
              .get(referralKey(ctx, id), Referral.class);
      if (r.isEmpty()) {
        throw ErrorCode.ACCESS_DENIED.exception("referralId", "not a party to this referral");
      }
    }
    return r.orElseThrow(() -> ErrorCode.NOT_FOUND.exception("referralId", "no referral " + id));
  }

  /** Stores the referral in its pair's collection (the parties' peers alone can change it). */
  public static void save(final RegnetContext ctx, final Referral r) {
    pairStore(ctx, r).put(referralKey(ctx, r.referralId()), r);
  }

  /** Stores the public locator of a new referral, owned by both parties' peers. */
  public static void saveLocator(final RegnetContext ctx, final Referral r) {
    ctx.ledger()
        .put(
            locatorKey(ctx, r.referralId()),
            new ReferralLocator(r.originator(), r.recipient(), r.treatyId()),
            pair(r));
  }

  /** A referral's own pair: originator and recipient (an onward recipient only reads). */
  public static Endorsement pair(final Referral r) {
    return Endorsement.allOf(java.util.List.of(r.originator(), r.recipient()));
  }

  /**
   * The referral's pair collection: its record, indexes, messages, payload, accesses, audit entries
   * and event details (decisions 0013, 0020).
   */
  public static PairStore pairStore(final RegnetContext ctx, final Referral r) {
    return PairStore.of(ctx.ledger(), r.originator(), r.recipient());
  }

  public static PairStore pairStore(final RegnetContext ctx, final ReferralLocator loc) {
    return PairStore.of(ctx.ledger(), loc.originator(), loc.recipient());
  }

  /**
   * Where {@code msp}'s records about the referral go: the pair's collection for a party, the
   * onward pair collection (with the recipient) for an onward recipient.
   */
  public static PairStore storeOf(final RegnetContext ctx, final Referral r, final String msp) {
    return msp.equals(r.originator()) || msp.equals(r.recipient())
        ? pairStore(ctx, r)
        : onwardStore(ctx, r, msp);
  }

  /**
   * Where an onward recipient's copy of the payload lives: the pair collection of the referral's
   * recipient (the only party that shares onward) and the onward recipient.
   */
  public static PairStore onwardStore(
      final RegnetContext ctx, final Referral r, final String onwardRecipient) {
    return PairStore.of(ctx.ledger(), r.recipient(), onwardRecipient);
  }
}
