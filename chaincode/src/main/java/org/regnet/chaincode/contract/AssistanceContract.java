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

/** Requests for assistance and their reply leg (docs/chaincode-api.md, "assistance"). */
@Contract(
    name = "assistance",
    info = @Info(title = "regnet requests for assistance", version = MetaContract.VERSION))
public final class AssistanceContract extends RegnetContract {

  @Override
  String area() {
    return "assistance";
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submit(final Context ctx, final String request) {
    return json(
        AssistanceService.submit(rc(ctx), request(request, AssistanceRequests.Submit.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String acknowledge(final Context ctx, final String request) {
    return json(
        AssistanceReplies.acknowledge(
            rc(ctx), request(request, AssistanceRequests.Acknowledge.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String contestUrgency(final Context ctx, final String request) {
    return json(
        AssistanceReplies.contestUrgency(rc(ctx), request(request, AssistanceRequests.Ref.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reportProgress(final Context ctx, final String request) {
    return json(
        AssistanceReplies.progress(rc(ctx), request(request, AssistanceRequests.Ref.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reestimate(final Context ctx, final String request) {
    return json(
        AssistanceReplies.reestimate(
            rc(ctx), request(request, AssistanceRequests.Reestimate.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reply(final Context ctx, final String request) {
    return json(AssistanceReplies.reply(rc(ctx), request(request, AssistanceRequests.Reply.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String markOverdue(final Context ctx, final String request) {
    return json(
        AssistanceReplies.markOverdue(rc(ctx), request(request, AssistanceRequests.Ref.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String noticeDisclosure(final Context ctx, final String request) {
    return json(
        DisclosureService.notice(rc(ctx), request(request, AssistanceRequests.Notice.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String objectDisclosure(final Context ctx, final String request) {
    return json(
        DisclosureService.object(
            rc(ctx), request(request, AssistanceRequests.DisclosureRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String recordDisclosure(final Context ctx, final String request) {
    return json(
        DisclosureService.record(
            rc(ctx), request(request, AssistanceRequests.DisclosureRef.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String recordSubjectRequest(final Context ctx, final String request) {
    return json(
        SubjectRequests.record(
            rc(ctx), request(request, AssistanceRequests.SubjectRequestInput.class)));
  }

  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String purge(final Context ctx, final String request) {
    return json(RetentionService.purge(rc(ctx), request(request, AssistanceRequests.Ref.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String get(final Context ctx, final String request) {
    return json(AssistanceService.get(rc(ctx), request(request, AssistanceRequests.Ref.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String content(final Context ctx, final String request) {
    return json(AssistanceService.content(rc(ctx), request(request, AssistanceRequests.Ref.class)));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listInbox(final Context ctx, final String request) {
    return json(AssistanceService.list(rc(ctx), request(request, PageRequest.class), true));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listOutbox(final Context ctx, final String request) {
    return json(AssistanceService.list(rc(ctx), request(request, PageRequest.class), false));
  }

  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String statistics(final Context ctx, final String request) {
    return json(
        CooperationStatistics.compute(
            rc(ctx), request(request, AssistanceRequests.Statistics.class)));
  }
}
