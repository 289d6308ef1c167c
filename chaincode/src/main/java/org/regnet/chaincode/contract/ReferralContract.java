package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.model.ExchangeKind;
import org.regnet.chaincode.request.IdRef.ReferralRef;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.request.ReferralActionRequest;
import org.regnet.chaincode.request.SubmitReferralRequest;
import org.regnet.chaincode.service.ConsentService;
import org.regnet.chaincode.service.PayloadService;
import org.regnet.chaincode.service.ReferralService;

/** Market-abuse referrals (docs/chaincode-api.md, "referral"). */
@Contract(
    name = "referral",
    info = @Info(title = "regnet referrals", version = MetaContract.VERSION))
public final class ReferralContract extends RegnetContract {

  @Override
  String area() {
    return "referral";
  }

  /**
   * What a referral SUBMIT returns: nothing. Its result is written into the block that every peer
   * holds, so it may not carry the referral's id, typology or status; the caller reads the record
   * back from its own peer ({@code referral:get}, a query) once the transaction has committed.
   */
  static final String NOTHING = "{}";

  private static String done(final Object ignored) {
    return NOTHING;
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submit(final Context ctx, final String request) {
    return done(
        ReferralService.submit(
            rc(ctx), confidential(ctx, request, SubmitReferralRequest.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String acknowledge(final Context ctx, final String request) {
    return done(
        ReferralService.step(
            rc(ctx), confidential(ctx, request, ReferralRef.class, true), "referral.acknowledged"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String startInvestigation(final Context ctx, final String request) {
    return done(
        ReferralService.step(
            rc(ctx),
            confidential(ctx, request, ReferralRef.class, true),
            "referral.investigationStarted"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String requestInformation(final Context ctx, final String request) {
    return done(
        ReferralService.exchange(
            rc(ctx),
            confidential(ctx, request, ReferralRef.class, true),
            ExchangeKind.INFORMATION_REQUEST,
            "referral.informationRequested"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String provideInformation(final Context ctx, final String request) {
    return done(
        ReferralService.exchange(
            rc(ctx),
            confidential(ctx, request, ReferralRef.class, true),
            ExchangeKind.INFORMATION_RESPONSE,
            "referral.informationProvided"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String close(final Context ctx, final String request) {
    return done(
        ReferralService.close(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.Close.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String decline(final Context ctx, final String request) {
    return done(
        ReferralService.decline(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.Decline.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(ReferralService.get(rc(ctx), confidential(ctx, request, ReferralRef.class, false)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listInbox(final Context ctx, final String request) {
    return json(
        ReferralService.list(rc(ctx), confidential(ctx, request, PageRequest.class, false), true));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listOutbox(final Context ctx, final String request) {
    return json(
        ReferralService.list(rc(ctx), confidential(ctx, request, PageRequest.class, false), false));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String readPayload(final Context ctx, final String request) {
    return json(
        PayloadService.read(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.Read.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String fetchPayload(final Context ctx, final String request) {
    return json(
        PayloadService.fetch(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.Fetch.class, false)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String requestConsent(final Context ctx, final String request) {
    return done(
        ConsentService.request(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.RequestConsent.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String grantConsent(final Context ctx, final String request) {
    return done(
        ConsentService.grant(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.ConsentRef.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String shareOnward(final Context ctx, final String request) {
    return done(
        ConsentService.shareOnward(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.ConsentRef.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String deliverOnward(final Context ctx, final String request) {
    return done(
        ConsentService.deliver(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.ConsentRef.class, true)));
  }

  /**
   * The details of a {@code regnet.pair.updated} event, from the pair's collection on the caller's
   * own peer: what the public event no longer says (decision 0020).
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String pairEvent(final Context ctx, final String request) {
    return json(
        ReferralService.pairEvent(
            rc(ctx), confidential(ctx, request, ReferralActionRequest.PairEvent.class, false)));
  }
}
