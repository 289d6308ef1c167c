package org.regnet.chaincode.access;

import static org.regnet.chaincode.access.Role.AUDITOR;
import static org.regnet.chaincode.access.Role.CASE_OFFICER;
import static org.regnet.chaincode.access.Role.INVESTIGATOR;
import static org.regnet.chaincode.access.Role.TREATY_ADMIN;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The declarative rule table: which roles may call each transaction. Object-level conditions
 * (membership, party, turn, scope, consent, validity) are in {@link AccessPolicy}. A transaction
 * missing from this table is refused.
 */
public final class Rules {

  /** Transactions that need no role (public metadata). */
  static final Set<String> OPEN = Set.of("meta:version");

  static final Map<String, Set<Role>> ROLES;

  static {
    final Map<String, Set<Role>> m = new TreeMap<>();
    final Set<Role> any = EnumSet.allOf(Role.class);
    final Set<Role> ta = EnumSet.of(TREATY_ADMIN);
    final Set<Role> co = EnumSet.of(CASE_OFFICER);
    final Set<Role> coInv = EnumSet.of(CASE_OFFICER, INVESTIGATOR);
    final Set<Role> audit = EnumSet.of(INVESTIGATOR, AUDITOR, TREATY_ADMIN);
    m.put("treaty:found", ta);
    m.put("treaty:get", any);
    m.put("treaty:proposeMembershipChange", ta);
    m.put("treaty:approveMembershipChange", ta);
    m.put("treaty:getMembershipChange", any);
    m.put("treaty:getChannelUpdate", any);
    m.put("agreement:propose", ta);
    m.put("agreement:sign", ta);
    m.put("agreement:suspend", ta);
    m.put("agreement:terminate", ta);
    m.put("agreement:get", any);
    m.put("agreement:listForMember", any);
    m.put("referral:submit", co);
    m.put("referral:acknowledge", co);
    m.put("referral:startInvestigation", coInv);
    m.put("referral:requestInformation", coInv);
    m.put("referral:provideInformation", coInv);
    m.put("referral:close", co);
    m.put("referral:decline", co);
    m.put("referral:get", any);
    m.put("referral:listInbox", any);
    m.put("referral:listOutbox", any);
    m.put("referral:readPayload", coInv);
    m.put("referral:fetchPayload", coInv);
    m.put("referral:requestConsent", co);
    m.put("referral:grantConsent", co);
    m.put("referral:shareOnward", co);
    m.put("flag:raise", coInv);
    m.put("flag:retract", coInv);
    m.put("flag:lookup", EnumSet.of(CASE_OFFICER, INVESTIGATOR, AUDITOR));
    // treaty admins only for treaty objects: narrowed in AccessPolicy.requireAuditAccess
    m.put("audit:byObject", audit);
    m.put("audit:byActor", EnumSet.of(INVESTIGATOR, AUDITOR));
    m.put("audit:byTimeRange", EnumSet.of(INVESTIGATOR, AUDITOR));
    ROLES = java.util.Collections.unmodifiableMap(m);
  }

  private Rules() {}

  /** The roles allowed for a transaction, or null when it is unknown. */
  public static Set<Role> rolesFor(final String tx) {
    return ROLES.get(tx);
  }

  /** All transaction names with rules (for documentation and tests). */
  public static Set<String> transactions() {
    return ROLES.keySet();
  }
}
