package org.regnet.chaincode.service;

import java.time.Instant;
import java.util.List;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.access.Caller;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.InstrumentClass;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.Treaty;

/**
 * The checks every bilateral exchange opened under an agreement shares (a referral, a request for
 * assistance): the caller is an active party, the agreement is in force, the counterparty is an
 * active member, and the agreement's scope covers what is asked.
 */
record AgreementOpening(Agreement agreement, Treaty treaty, String counterparty, Instant now) {

  static AgreementOpening check(
      final RegnetContext ctx,
      final String agreementId,
      final InstrumentClass instrumentClass,
      final List<DataClass> dataClasses,
      final List<PermittedUse> purposes) {
    final Caller c = ctx.caller();
    final Agreement a = Repository.agreement(ctx, agreementId);
    AccessPolicy.requireAgreementParty(c, a);
    final Treaty t = Repository.treaty(ctx, a.treatyId());
    AccessPolicy.requireActiveMember(c, t);
    final String counterparty = a.otherParty(c.msp());
    final Instant now = ctx.now();
    if (!a.inForceAt(now)) {
      throw ErrorCode.INVALID_STATE.exception(
          "agreementId", "agreement is " + a.statusAt(now) + ", not in force");
    }
    if (!t.activeMember(counterparty)) {
      throw ErrorCode.INVALID_STATE.exception(
          "agreementId", counterparty + " is not an active member");
    }
    AccessPolicy.requireScope(a.scope(), instrumentClass, dataClasses, purposes);
    return new AgreementOpening(a, t, counterparty, now);
  }
}
