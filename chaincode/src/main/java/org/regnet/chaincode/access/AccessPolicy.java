package org.regnet.chaincode.access;

import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.Agreement;
import org.regnet.chaincode.model.AgreementScope;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.InstrumentClass;
import org.regnet.chaincode.model.MemberStatus;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.Referral;
import org.regnet.chaincode.model.Treaty;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;

/**
 * The one access policy. {@link #authorize} runs before every transaction (from {@code
 * ContractInterface.beforeTransaction}) and applies the one rule table, {@link RuleTable} (shared
 * with the node); the other methods are the object-level conditions the services call once they
 * have loaded the object.
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  /** Identifies the caller and checks the role rule of the transaction. */
  public static void authorize(final RegnetContext ctx, final String area) {
    final String fn = ctx.getStub().getFunction();
    final String name = fn == null ? "" : fn.substring(fn.indexOf(':') + 1);
    final String tx = area + ":" + name;
    if (RuleTable.OPEN.contains(tx)) {
      ctx.authorised(tx, null);
      return;
    }
    if (!RuleTable.ruled(tx)) {
      throw ErrorCode.ACCESS_DENIED.exception("function", "no access rule for " + tx);
    }
    final Caller caller = Caller.of(ctx.getClientIdentity());
    if (!RuleTable.rolesFor(tx).contains(caller.role())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "role", "role " + caller.role().wire() + " may not call " + tx);
    }
    ctx.authorised(tx, caller);
  }

  /** Listed in the treaty (any status). */
  public static void requireMember(final Caller c, final Treaty t) {
    if (t.member(c.msp()).isEmpty()) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "treatyId", c.msp() + " is not a member of " + t.treatyId());
    }
  }

  /** Listed and not withdrawn: may continue work already under way. */
  public static void requireCurrentMember(final Caller c, final Treaty t) {
    if (t.member(c.msp()).map(m -> m.status() == MemberStatus.WITHDRAWN).orElse(true)) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "treatyId", c.msp() + " is not a current member of " + t.treatyId());
    }
  }

  public static void requireActiveMember(final Caller c, final Treaty t) {
    if (!t.activeMember(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "treatyId", c.msp() + " is not an active member of " + t.treatyId());
    }
  }

  public static void requireAgreementParty(final Caller c, final Agreement a) {
    if (!a.party(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "agreementId", c.msp() + " is not a party to " + a.agreementId());
    }
  }

  public static void requireCounterparty(final Caller c, final Agreement a) {
    requireAgreementParty(c, a);
    if (!a.counterparty().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "agreementId", "only the counterparty " + a.counterparty() + " signs");
    }
  }

  /** Originator, recipient or onward recipient. */
  public static void requireReferralParty(final Caller c, final Referral r) {
    if (!r.parties().contains(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "referralId", c.msp() + " is not a party to " + r.referralId());
    }
  }

  public static void requireOriginator(final Caller c, final Referral r) {
    if (!r.originator().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "referralId", "only the originator " + r.originator() + " may do this");
    }
  }

  public static void requireRecipient(final Caller c, final Referral r) {
    if (!r.recipient().equals(c.msp())) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "referralId", "only the recipient " + r.recipient() + " may do this");
    }
  }

  /** Whose turn it is, then whether the status allows the step. */
  public static Turns.Step requireTurn(final RegnetContext ctx, final Referral r) {
    final Turns.Step step = Turns.step(ctx.transaction());
    final Caller c = ctx.caller();
    if (step.party() == Turns.Party.RECIPIENT) {
      requireRecipient(c, r);
    } else {
      requireOriginator(c, r);
    }
    if (!step.from().contains(r.status())) {
      throw ErrorCode.INVALID_STATE.exception(
          "status", ctx.transaction() + " is not allowed from " + r.status());
    }
    return step;
  }

  /** Agreement scope covers the instrument class, every data class and every purpose. */
  public static void requireScope(
      final AgreementScope scope,
      final InstrumentClass instrumentClass,
      final List<DataClass> dataClasses,
      final List<PermittedUse> purposes) {
    if (!scope.coversInstrument(instrumentClass)) {
      throw ErrorCode.OUT_OF_SCOPE.exception(
          "instrumentClass", instrumentClass + " is outside the agreement scope");
    }
    for (int i = 0; i < dataClasses.size(); i++) {
      if (!scope.dataClasses().contains(dataClasses.get(i))) {
        throw ErrorCode.OUT_OF_SCOPE.exception(
            "dataClasses[" + i + "]", dataClasses.get(i) + " is outside the agreement scope");
      }
    }
    for (int i = 0; i < purposes.size(); i++) {
      if (!scope.permittedUses().contains(purposes.get(i))) {
        throw ErrorCode.OUT_OF_SCOPE.exception(
            "purposes[" + i + "]", purposes.get(i) + " is outside the agreement scope");
      }
    }
  }

  /** Agreement scope lies within the treaty terms. */
  public static void requireWithinTreaty(final AgreementScope scope, final Treaty t) {
    for (DataClass d : scope.dataClasses()) {
      if (!t.terms().dataClasses().contains(d)) {
        throw ErrorCode.OUT_OF_SCOPE.exception(
            "scope.dataClasses", d + " is not covered by the treaty");
      }
    }
    for (PermittedUse u : scope.permittedUses()) {
      if (!t.terms().permittedUses().contains(u)) {
        throw ErrorCode.OUT_OF_SCOPE.exception(
            "scope.permittedUses", u + " is not permitted by the treaty");
      }
    }
  }

  /**
   * Use of a referral's payload: the originator for any use the treaty permits; the recipient for
   * the stated purposes; an onward recipient for the use it was given; anything else only with the
   * originator's consent for that MSP and use.
   */
  public static void requireUse(
      final Caller c, final Referral r, final Treaty t, final PermittedUse use) {
    if (!t.terms().permittedUses().contains(use)) {
      throw ErrorCode.OUT_OF_SCOPE.exception("purpose", use + " is not permitted by the treaty");
    }
    final boolean allowed;
    if (r.originator().equals(c.msp())) {
      allowed = true;
    } else if (r.recipient().equals(c.msp())) {
      allowed = r.purposes().contains(use);
    } else {
      allowed = r.onwardShareFor(c.msp()).map(s -> s.use() == use).orElse(false);
    }
    if (!allowed && !r.consentGranted(c.msp(), use)) {
      throw ErrorCode.CONSENT_REQUIRED.exception(
          "purpose", use + " needs the originator's consent");
    }
  }

  /**
   * Private reads must run on a peer of the caller's own organisation: only that peer holds the
   * caller's implicit collection, and another organisation's peer must not endorse the read.
   */
  public static void requireOwnPeer(final ChaincodeStub stub, final Caller c) {
    final String peerMsp;
    try {
      peerMsp = stub.getMspId();
    } catch (IllegalStateException e) {
      throw ErrorCode.INTERNAL.exception(
          "peer", "CORE_PEER_LOCALMSPID is not set for this chaincode server");
    }
    if (!c.msp().equals(peerMsp)) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "peer", "a confidential read must be endorsed by the caller's own organisation");
    }
  }

  /** Audit by object: treaty admins only for treaty-level objects. */
  public static void requireAuditRole(final Caller c, final boolean treatyObject) {
    if (c.is(Role.TREATY_ADMIN) && !treatyObject) {
      throw ErrorCode.ACCESS_DENIED.exception(
          "objectId", "treaty admins may only audit treaty objects");
    }
  }
}
