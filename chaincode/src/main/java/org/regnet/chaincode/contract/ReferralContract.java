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

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submit(final Context ctx, final String request) {
    return json(ReferralService.submit(rc(ctx), request(request, SubmitReferralRequest.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String acknowledge(final Context ctx, final String request) {
    return json(
        ReferralService.step(
            rc(ctx), request(request, ReferralRef.class), "referral.acknowledged"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String startInvestigation(final Context ctx, final String request) {
    return json(
        ReferralService.step(
            rc(ctx), request(request, ReferralRef.class), "referral.investigationStarted"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String requestInformation(final Context ctx, final String request) {
    return json(
        ReferralService.exchange(
            rc(ctx),
            request(request, ReferralRef.class),
            ExchangeKind.INFORMATION_REQUEST,
            "referral.informationRequested"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String provideInformation(final Context ctx, final String request) {
    return json(
        ReferralService.exchange(
            rc(ctx),
            request(request, ReferralRef.class),
            ExchangeKind.INFORMATION_RESPONSE,
            "referral.informationProvided"));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String close(final Context ctx, final String request) {
    return json(
        ReferralService.close(rc(ctx), request(request, ReferralActionRequest.Close.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String decline(final Context ctx, final String request) {
    return json(
        ReferralService.decline(rc(ctx), request(request, ReferralActionRequest.Decline.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(ReferralService.get(rc(ctx), request(request, ReferralRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listInbox(final Context ctx, final String request) {
    return json(ReferralService.list(rc(ctx), request(request, PageRequest.class), true));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listOutbox(final Context ctx, final String request) {
    return json(ReferralService.list(rc(ctx), request(request, PageRequest.class), false));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String readPayload(final Context ctx, final String request) {
    return json(PayloadService.read(rc(ctx), request(request, ReferralActionRequest.Read.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String fetchPayload(final Context ctx, final String request) {
    return json(PayloadService.fetch(rc(ctx), request(request, ReferralActionRequest.Fetch.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String requestConsent(final Context ctx, final String request) {
    return json(
        ConsentService.request(
            rc(ctx), request(request, ReferralActionRequest.RequestConsent.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String grantConsent(final Context ctx, final String request) {
    return json(
        ConsentService.grant(rc(ctx), request(request, ReferralActionRequest.ConsentRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String shareOnward(final Context ctx, final String request) {
    return json(
        ConsentService.shareOnward(
            rc(ctx), request(request, ReferralActionRequest.ConsentRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String deliverOnward(final Context ctx, final String request) {
    return json(
        ConsentService.deliver(rc(ctx), request(request, ReferralActionRequest.ConsentRef.class)));
  }
}
