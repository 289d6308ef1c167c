package org.regnet.chaincode.service;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.Flag;
import org.regnet.chaincode.model.MembershipChange;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.state.Keys;

/** Loads and stores the objects under their keys (see {@link Keys}). */
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
    ctx.ledger().put(treatyKey(ctx, t.treatyId()), t);
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
    ctx.ledger().put(changeKey(ctx, c.changeId()), c);
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
    ctx.ledger().put(agreementKey(ctx, a.agreementId()), a.stored());
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
    ctx.ledger().put(referralKey(ctx, r.referralId()), r);
  }

  public static String flagKey(final RegnetContext ctx, final String id) {
    return ctx.ledger().key(Keys.FLAG, id);
  }

  public static Flag flag(final RegnetContext ctx, final String id) {
    return ctx.ledger()
        .get(flagKey(ctx, id), Flag.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("flagId", "no flag " + id));
  }

  public static void save(final RegnetContext ctx, final Flag f) {
    ctx.ledger().put(flagKey(ctx, f.flagId()), f);
  }
}
