package org.regnet.chaincode.service;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.MembershipChange;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.PairStore;

/**
 * Loads and stores the objects under their keys (see {@link Keys}), each with the key-level
 * endorsement policy of its owners: a treaty and its membership changes by majority of the treaty's
 * active members, an agreement and a referral by both parties. (Flags live in pair collections:
 * FlagService.)
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

  public static Referral referral(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(referralKey(ctx, id), Referral.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("referralId", "no referral " + id));
  }

  public static void save(final RegnetContext ctx, final Referral r) {
    ctx.ledger().put(referralKey(ctx, r.referralId()), r, pair(r));
  }

  /** A referral's own pair: originator and recipient (an onward recipient only reads). */
  public static Endorsement pair(final Referral r) {
    return Endorsement.allOf(java.util.List.of(r.originator(), r.recipient()));
  }

  /** The referral's pair collection: its payload and information messages (decision 0013). */
  public static PairStore pairStore(final RegnetContext ctx, final Referral r) {
    return PairStore.of(ctx.ledger(), r.originator(), r.recipient());
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
