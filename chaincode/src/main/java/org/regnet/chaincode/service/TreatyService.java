package org.regnet.chaincode.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.model.Member;
import org.regnet.chaincode.model.MemberStatus;
import org.regnet.chaincode.model.Treaty;
import org.regnet.chaincode.request.FoundTreatyRequest;
import org.regnet.chaincode.request.MemberInput;
import org.regnet.chaincode.request.TreatyRef;
import org.regnet.chaincode.state.Keys;

/** Treaty founding and reading; membership changes are {@link MembershipService}. */
public final class TreatyService {

  private TreatyService() {}

  public static Treaty found(final RegnetContext ctx, final FoundTreatyRequest raw) {
    final FoundTreatyRequest req = raw.validated();
    final Caller c = ctx.caller();
    if (req.members().stream().noneMatch(m -> m.msp().equals(c.msp()))) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "members", "the founder's MSP " + c.msp() + " must be a founding member");
    }
    final String id =
        req.treatyId() != null
            ? req.treatyId()
            : "TRT-" + Keys.txPrefix(ctx.txId(), 16).toUpperCase(Locale.ROOT);
    if (ctx.ledger().exists(Repository.treatyKey(ctx, id))) {
      throw ErrorCode.CONFLICT.exception("treatyId", "treaty " + id + " already exists");
    }
    final String now = ctx.nowString();
    final List<Member> members = new ArrayList<>();
    for (MemberInput m : req.members()) {
      members.add(
          new Member(m.msp(), m.jurisdiction(), m.lei(), MemberStatus.ACTIVE, now, m.signatory()));
    }
    final Treaty t =
        new Treaty(id, req.name(), req.terms().validated("terms"), members, c.msp(), now, now);
    Repository.save(ctx, t);
    AuditLog.record(ctx, Change.of("treaty.founded", "treaty", id, id, t.allMsps(), null));
    return t;
  }

  public static Treaty get(final RegnetContext ctx, final TreatyRef ref) {
    final Treaty t = Repository.treaty(ctx, ref.validated().treatyId());
    AccessPolicy.requireMember(ctx.caller(), t);
    return t;
  }
}
