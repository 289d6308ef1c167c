package org.regnet.chaincode.service;

import java.util.List;
import java.util.Set;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.Transient;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.Custody;
import org.regnet.chaincode.model.CustodyStatus;
import org.regnet.chaincode.request.EvidenceOpening;

/**
 * Chain of custody of documents that travel node to node (docs/decisions/0019). The sender pins a
 * document before it goes; the receiver records receipt after its node verified the hash. Both
 * steps take their details from the transient map and write only the record's public part; the
 * parties prove the details by opening the commitment ({@code evidence:get}).
 */
public final class EvidenceService {

  private EvidenceService() {}

  /** A custody record with the details that open it, for the parties. */
  public record CustodyView(Custody custody, EvidenceOpening document) {}

  public static Custody pin(final RegnetContext ctx) {
    final EvidenceOpening o = opening(ctx);
    final Caller c = ctx.caller();
    if (!o.sender().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception("evidence.sender", "only the sender pins");
    }
    final CaseParties.Parties p = requireParties(ctx, o);
    if (CustodyRecords.find(ctx, o.custodyId()).isPresent()) {
      throw ErrorCode.CONFLICT.exception("evidence.documentId", "already pinned");
    }
    final Custody custody =
        new Custody(
            o.custodyId(),
            o.sender(),
            o.receiver(),
            o.commitment(),
            CustodyStatus.PINNED,
            ctx.nowString(),
            null);
    CustodyRecords.save(ctx, custody);
    AuditLog.record(ctx, change("evidence.pinned", custody, p.treatyId()));
    return custody;
  }

  public static Custody receive(final RegnetContext ctx) {
    final EvidenceOpening o = opening(ctx);
    final Caller c = ctx.caller();
    if (!o.receiver().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception("evidence.receiver", "only the receiver receives");
    }
    final CaseParties.Parties p = requireParties(ctx, o);
    final Custody pinned = opened(ctx, o);
    if (pinned.status() != CustodyStatus.PINNED) {
      throw ErrorCode.INVALID_STATE.exception("evidence", "already received");
    }
    final Custody received = pinned.received(ctx.nowString());
    CustodyRecords.save(ctx, received);
    AuditLog.record(ctx, change("evidence.received", received, p.treatyId()));
    return received;
  }

  public static CustodyView get(final RegnetContext ctx) {
    final EvidenceOpening o = opening(ctx);
    if (!Set.of(o.sender(), o.receiver()).contains(ctx.caller().msp())) {
      throw ErrorCode.ACCESS_DENIED.exception("evidence", "only the parties read custody");
    }
    return new CustodyView(opened(ctx, o), o);
  }

  private static EvidenceOpening opening(final RegnetContext ctx) {
    final byte[] raw = Transient.required(ctx.getStub(), EvidenceOpening.TRANSIENT_KEY, 4 * 1024);
    return Json.parse("transient.evidence", raw, 4 * 1024, EvidenceOpening.class).validated();
  }

  private static CaseParties.Parties requireParties(
      final RegnetContext ctx, final EvidenceOpening o) {
    final CaseParties.Parties p = CaseParties.of(ctx, o);
    if (!p.msps().equals(Set.of(o.sender(), o.receiver()))) {
      throw ErrorCode.ACCESS_DENIED.exception("evidence.caseRef", "not the case's parties");
    }
    return p;
  }

  /** The record the details open; NOT_FOUND when none does (without saying which field differs). */
  private static Custody opened(final RegnetContext ctx, final EvidenceOpening o) {
    return CustodyRecords.find(ctx, o.custodyId())
        .filter(cu -> cu.commitment().equals(o.commitment()))
        .orElseThrow(() -> ErrorCode.NOT_FOUND.exception("evidence", "no such custody record"));
  }

  private static Change change(final String action, final Custody c, final String treatyId) {
    return Change.of(
        action,
        "evidence",
        c.custodyId(),
        treatyId,
        List.of(c.sender(), c.receiver()),
        c.status().name());
  }
}
