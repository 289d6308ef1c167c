package org.regnet.chaincode.service;

import java.util.List;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.model.AssistanceProgress;
import org.regnet.chaincode.model.AssistanceReply;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.AssistanceStatus;
import org.regnet.chaincode.model.ItemOutcome;
import org.regnet.chaincode.model.ReplyItem;
import org.regnet.chaincode.model.Urgency;
import org.regnet.chaincode.model.payload.SealedPayload;
import org.regnet.chaincode.model.payload.UnsolicitedPayload;
import org.regnet.chaincode.request.AssistanceRequests;

/**
 * Unsolicited information (Implementing Regulation (EU) 2024/2545 Art. 10; MMoU para 9's
 * spontaneous assistance; decision 0031): a request-less reply leg. The providing authority shares
 * information with the other party of an agreement in force, under the same scope rules as a
 * request ({@link AgreementOpening}). It is stored as the same record kind, so retention, audit,
 * inbox events, subject requests and disclosures apply unchanged: the recipient in the requester's
 * position, the provider in the requested one, created answered with the provider's final reply and
 * without deadlines.
 */
public final class UnsolicitedInformation {

  private UnsolicitedInformation() {}

  public static AssistanceRequest offer(
      final RegnetContext ctx, final AssistanceRequests.Offer raw) {
    final AssistanceRequests.Offer req = raw.validated();
    final String provider = ctx.caller().msp();
    if (req.recipient().equals(provider)) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "recipient", "information is offered to another authority");
    }
    final UnsolicitedPayload payload =
        Transient.payload(ctx.getStub(), UnsolicitedPayload.class).validated();
    final byte[] salt = Transient.salt(ctx.getStub());
    final AgreementOpening opening =
        AgreementOpening.check(
            ctx, req.agreementId(), req.instrumentClass(), req.dataClasses(), req.purposes());
    if (!opening.counterparty().equals(req.recipient())) {
      throw ErrorCode.OUT_OF_SCOPE.exception(
          "recipient",
          "agreement "
              + opening.agreement().agreementId()
              + " is between "
              + provider
              + " and "
              + opening.counterparty());
    }
    final SealedPayload content = Sealing.seal(payload, salt);
    final SealedPayload reply = Sealing.seal(payload.reply(), salt);
    final String at = opening.now().toString();
    final AssistanceProgress answered =
        AssistanceProgress.submitted(at).toBuilder()
            .reply(
                new AssistanceReply(
                    1,
                    true,
                    at,
                    List.of(new ReplyItem(1, ItemOutcome.PROVIDED, null)),
                    reply.hash()))
            .status(AssistanceStatus.ANSWERED)
            .finalReplyAt(at)
            .at(at)
            .build();
    final AssistanceRequest r =
        new AssistanceRequest(
            ctx.keyedId("RFA"),
            opening.treaty().treatyId(),
            opening.agreement().agreementId(),
            req.recipient(),
            provider,
            req.instrumentClass(),
            req.dataClasses(),
            req.purposes(),
            Urgency.ROUTINE,
            1,
            content.hash(),
            at,
            null,
            null,
            answered,
            true);
    AssistanceStore.create(ctx, r, content);
    AssistanceStore.putSealed(ctx, r, "reply", 1, reply);
    AuditLog.record(
        ctx, AssistanceService.change(r, "assistance.offered").withPayloadHash(content.hash()));
    return r;
  }
}
