package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.regnet.chaincode.request.AssistanceRequests;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.service.AssistanceReplies;
import org.regnet.chaincode.service.AssistanceService;
import org.regnet.chaincode.service.CooperationStatistics;
import org.regnet.chaincode.service.DisclosureService;
import org.regnet.chaincode.service.RetentionService;
import org.regnet.chaincode.service.SubjectRequests;
import org.regnet.chaincode.service.UnsolicitedInformation;

/**
 * Requests for assistance and their reply leg (docs/chaincode-api.md, "assistance"). Every request
 * is confidential (decision 0029): a SUBMIT takes it from the transient map's {@code request} entry
 * with {@code {}} as its public argument and returns {@code {}}; queries accept either.
 */
@Contract(
    name = "assistance",
    info = @Info(title = "regnet requests for assistance", version = MetaContract.VERSION))
public final class AssistanceContract extends RegnetContract {

  @Override
  String area() {
    return "assistance";
  }

  /**
   * What an assistance SUBMIT returns: nothing (decision 0029, as referrals in 0020). Its result is
   * in the block every peer holds, so it may not carry the request's id, parties' facts or status;
   * the caller reads the record back from its own peer ({@code assistance:get}).
   */
  static final String NOTHING = "{}";

  private static String done(final Object ignored) {
    return NOTHING;
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submit(final Context ctx, final String request) {
    return done(
        AssistanceService.submit(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Submit.class, true)));
  }

  /** Unsolicited information (2024/2545 Art. 10, decision 0031): a request-less reply. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String offer(final Context ctx, final String request) {
    return done(
        UnsolicitedInformation.offer(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Offer.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String acknowledge(final Context ctx, final String request) {
    return done(
        AssistanceReplies.acknowledge(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Acknowledge.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String contestUrgency(final Context ctx, final String request) {
    return done(
        AssistanceReplies.contestUrgency(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Ref.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reportProgress(final Context ctx, final String request) {
    return done(
        AssistanceReplies.progress(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Ref.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reestimate(final Context ctx, final String request) {
    return done(
        AssistanceReplies.reestimate(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Reestimate.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reply(final Context ctx, final String request) {
    return done(
        AssistanceReplies.reply(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Reply.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String markOverdue(final Context ctx, final String request) {
    return done(
        AssistanceReplies.markOverdue(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Ref.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String noticeDisclosure(final Context ctx, final String request) {
    return done(
        DisclosureService.notice(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Notice.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String objectDisclosure(final Context ctx, final String request) {
    return done(
        DisclosureService.object(
            rc(ctx), confidential(ctx, request, AssistanceRequests.DisclosureRef.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String recordDisclosure(final Context ctx, final String request) {
    return done(
        DisclosureService.record(
            rc(ctx), confidential(ctx, request, AssistanceRequests.DisclosureRef.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String recordSubjectRequest(final Context ctx, final String request) {
    return done(
        SubjectRequests.record(
            rc(ctx),
            confidential(ctx, request, AssistanceRequests.SubjectRequestInput.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String purge(final Context ctx, final String request) {
    return done(
        RetentionService.purge(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Ref.class, true)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(
        AssistanceService.get(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Ref.class, false)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String content(final Context ctx, final String request) {
    return json(
        AssistanceService.content(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Ref.class, false)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listInbox(final Context ctx, final String request) {
    return json(
        AssistanceService.list(
            rc(ctx), confidential(ctx, request, PageRequest.class, false), true));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listOutbox(final Context ctx, final String request) {
    return json(
        AssistanceService.list(
            rc(ctx), confidential(ctx, request, PageRequest.class, false), false));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String statistics(final Context ctx, final String request) {
    return json(
        CooperationStatistics.compute(
            rc(ctx), confidential(ctx, request, AssistanceRequests.Statistics.class, false)));
  }
}
