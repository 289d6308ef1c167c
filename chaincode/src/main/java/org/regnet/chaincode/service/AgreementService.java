package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.AgreementScope;
import org.regnet.chaincode.model.AgreementStatus;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.IdRef;
import org.regnet.chaincode.request.PageRequest;
import org.regnet.chaincode.request.ProposeAgreementRequest;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;
import org.regnet.chaincode.state.Page;

/** Bilateral agreements: propose, sign, suspend, terminate; expiry against the tx time. */
public final class AgreementService {

  private AgreementService() {}

  public static Agreement propose(final RegnetContext ctx, final ProposeAgreementRequest raw) {
    final Instant now = ctx.now();
    final ProposeAgreementRequest req = raw.validated(now);
    final Caller c = ctx.caller();
    final Treaty t = Repository.treaty(ctx, req.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    if (req.counterparty().equals(c.msp())) {
      throw ErrorCode.VALIDATION_FAILED.exception("counterparty", "must be another member");
    }
    if (!t.activeMember(req.counterparty())) {
      throw ErrorCode.INVALID_STATE.exception(
          "counterparty", req.counterparty() + " is not an active member of " + t.treatyId());
    }
    final AgreementScope scope = req.scope().validated("scope");
    AccessPolicy.requireWithinTreaty(scope, t);
    final String id = ctx.newId("AGR");
    if (ctx.ledger().exists(Repository.agreementKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("agreementId", "agreement " + id + " already exists");
    }
    final String at = now.toString();
    final Agreement a =
        new Agreement(
            id,
            t.treatyId(),
            c.msp(),
            req.counterparty(),
            List.copyOf(new TreeSet<>(List.of(c.msp(), req.counterparty()))),
            scope,
            Instant.parse(req.validFrom()).toString(),
            Instant.parse(req.validUntil()).toString(),
            AgreementStatus.PROPOSED,
            null,
            at,
            at,
            null,
            c.msp(),
            req.transferBasis());
    Repository.save(ctx, a);
    final String ts = Keys.sortable(now);
    for (String party : a.parties()) {
      ctx.ledger()
          .putString(
              ctx.ledger().key(Keys.AGREEMENT_BY_MEMBER, party, ts, id),
              id,
              Endorsement.allOf(a.parties()));
    }
    return recorded(ctx, a, "agreement.proposed");
  }

  public static Agreement sign(final RegnetContext ctx, final IdRef.AgreementRef ref) {
    final Agreement a = Repository.agreement(ctx, ref.id());
    final Caller c = ctx.caller();
    AccessPolicy.requireCounterparty(c, a);
    if (a.status() != AgreementStatus.PROPOSED) {
      throw ErrorCode.INVALID_STATE.exception("agreementId", "agreement is " + a.status());
    }
    if (a.statusAt(ctx.now()) == AgreementStatus.EXPIRED) {
      throw ErrorCode.INVALID_STATE.exception(
          "agreementId", "agreement expired at " + a.validUntil());
    }
    final Treaty t = Repository.treaty(ctx, a.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    if (!t.activeMember(a.proposer())) {
      throw ErrorCode.INVALID_STATE.exception(
          "agreementId", a.proposer() + " is no longer an active member");
    }
    return transition(ctx, a, AgreementStatus.ACTIVE, "agreement.signed");
  }

  public static Agreement suspend(final RegnetContext ctx, final IdRef.AgreementRef ref) {
    final Agreement a = Repository.agreement(ctx, ref.id());
    AccessPolicy.requireAgreementParty(ctx.caller(), a);
    if (a.status() != AgreementStatus.ACTIVE) {
      throw ErrorCode.INVALID_STATE.exception("agreementId", "agreement is " + a.status());
    }
    return transition(ctx, a, AgreementStatus.SUSPENDED, "agreement.suspended");
  }

  public static Agreement terminate(final RegnetContext ctx, final IdRef.AgreementRef ref) {
    final Agreement a = Repository.agreement(ctx, ref.id());
    AccessPolicy.requireAgreementParty(ctx.caller(), a);
    if (a.status() == AgreementStatus.TERMINATED) {
      throw ErrorCode.INVALID_STATE.exception("agreementId", "agreement is already TERMINATED");
    }
    return transition(ctx, a, AgreementStatus.TERMINATED, "agreement.terminated");
  }

  public static Agreement get(final RegnetContext ctx, final IdRef.AgreementRef ref) {
    final Agreement a = Repository.agreement(ctx, ref.id());
    AccessPolicy.requireAgreementParty(ctx.caller(), a);
    return a.evaluatedAt(ctx.now());
  }

  public static Page<Agreement> listForMember(final RegnetContext ctx, final PageRequest req) {
    final CompositeKey prefix = new CompositeKey(Keys.AGREEMENT_BY_MEMBER, ctx.caller().msp());
    final Instant now = ctx.now();
    return ctx.ledger()
        .partialPage(
            prefix,
            PageRequest.size(req.pageSize()),
            PageRequest.mark(req.bookmark()),
            kv ->
                Repository.agreement(ctx, new String(kv.getValue(), StandardCharsets.UTF_8))
                    .evaluatedAt(now));
  }

  private static Agreement transition(
      final RegnetContext ctx, final Agreement a, final AgreementStatus to, final String action) {
    final Agreement next = a.transition(to, ctx.nowString(), ctx.caller().msp());
    Repository.save(ctx, next);
    return recorded(ctx, next, action);
  }

  private static Agreement recorded(
      final RegnetContext ctx, final Agreement a, final String action) {
    AuditLog.record(
        ctx,
        Change.of(
            action, "agreement", a.agreementId(), a.treatyId(), a.parties(), a.status().name()));
    return a.evaluatedAt(ctx.now());
  }
}
