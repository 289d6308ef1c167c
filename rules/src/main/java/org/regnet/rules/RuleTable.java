package org.regnet.rules;

import static org.regnet.rules.Role.AUDITOR;
import static org.regnet.rules.Role.CASE_OFFICER;
import static org.regnet.rules.Role.INVESTIGATOR;
import static org.regnet.rules.Role.TREATY_ADMIN;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one rule table: which roles may call each chaincode transaction ({@code area:name}). The
 * chaincode refuses a transaction to any other role before it runs; the node grants each role
 * exactly these transaction names as its permissions, and every route declares the transaction it
 * runs as its permission, so a direct Fabric client with a role certificate can do exactly what the
 * node allows that role. Object-level conditions (membership, party, turn, scope, consent) are the
 * chaincode's AccessPolicy; they are the same for both paths because only the chaincode applies
 * them.
 *
 * <p>Investigation steps (docs/decisions/0010): opening an investigation and asking for information
 * are the recipient's investigators' acts; answering an information request is the originator's
 * case officer's or investigator's.
 */
public final class RuleTable {

  /** Transactions that need no role (public metadata). */
  public static final Set<String> OPEN = Set.of("meta:version");

  /**
   * Permissions of the node that are no chaincode transaction: its own inbox (events it already
   * received), held by every role; sending a membership change's signed channel update to the
   * ordering service, held by treaty admins; the authority's internal casework, which never reaches
   * the ledger (reading it: every role; notes: case officers and investigators; assigning a case to
   * an officer: case officers); administering the authority's users: treaty admins.
   */
  public static final Map<String, Set<Role>> NODE_ONLY =
      Map.of(
          "inbox:read", Collections.unmodifiableSet(EnumSet.allOf(Role.class)),
          "channel:submitUpdate", Collections.unmodifiableSet(EnumSet.of(TREATY_ADMIN)),
          "casework:read", Collections.unmodifiableSet(EnumSet.allOf(Role.class)),
          "casework:write", Collections.unmodifiableSet(EnumSet.of(CASE_OFFICER, INVESTIGATOR)),
          "casework:assign", Collections.unmodifiableSet(EnumSet.of(CASE_OFFICER)),
          "users:admin", Collections.unmodifiableSet(EnumSet.of(TREATY_ADMIN)));

  private static final Map<String, Set<Role>> ROLES;

  static {
    final Map<String, Set<Role>> m = new TreeMap<>();
    final Set<Role> any = EnumSet.allOf(Role.class);
    final Set<Role> ta = EnumSet.of(TREATY_ADMIN);
    final Set<Role> co = EnumSet.of(CASE_OFFICER);
    final Set<Role> inv = EnumSet.of(INVESTIGATOR);
    final Set<Role> coInv = EnumSet.of(CASE_OFFICER, INVESTIGATOR);
    final Set<Role> investigatorsAndAuditors = EnumSet.of(INVESTIGATOR, AUDITOR);
    m.put("treaty:found", ta);
    m.put("treaty:get", any);
    m.put("treaty:proposeMembershipChange", ta);
    m.put("treaty:approveMembershipChange", ta);
    m.put("treaty:withdrawMembershipChange", ta);
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
    m.put("referral:startInvestigation", inv);
    m.put("referral:requestInformation", inv);
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
    m.put("referral:deliverOnward", co);
    // the details of a pair event, for a node's event reader (an auditor certificate) and staff
    m.put("referral:pairEvent", any);
    // requests for assistance (docs/decisions/0018): case officers ask, acknowledge, reply and
    // handle disclosures and retention; investigators also report progress and record overdue
    m.put("assistance:submit", co);
    m.put("assistance:offer", co);
    m.put("assistance:acknowledge", co);
    m.put("assistance:contestUrgency", co);
    m.put("assistance:reportProgress", coInv);
    m.put("assistance:reestimate", co);
    m.put("assistance:reply", co);
    m.put("assistance:markOverdue", coInv);
    m.put("assistance:noticeDisclosure", co);
    m.put("assistance:objectDisclosure", co);
    m.put("assistance:recordDisclosure", co);
    m.put("assistance:purge", co);
    m.put("assistance:recordSubjectRequest", co);
    m.put("assistance:get", any);
    m.put("assistance:content", coInv);
    m.put("assistance:listInbox", any);
    m.put("assistance:listOutbox", any);
    m.put("assistance:statistics", any);
    // colleges of more than two members (docs/decisions/0035): officers form, close and purge
    // them; officers and investigators share in them and read what was shared
    m.put("college:form", co);
    m.put("college:close", co);
    m.put("college:purge", co);
    m.put("college:share", coInv);
    m.put("college:get", coInv);
    m.put("college:list", coInv);
    // documents between nodes: the sender's officer pins, the receiver's records receipt
    m.put("evidence:pin", coInv);
    m.put("evidence:receive", coInv);
    m.put("evidence:get", EnumSet.of(CASE_OFFICER, INVESTIGATOR, AUDITOR));
    m.put("flag:raise", coInv);
    m.put("flag:retract", coInv);
    // the originator's own copy and keys, to share a flag with a member admitted later
    m.put("flag:copy", coInv);
    m.put("flag:lookup", EnumSet.of(CASE_OFFICER, INVESTIGATOR, AUDITOR));
    // reveals a matched flag and records the match for its originator: the same lookers
    m.put("flag:recordMatch", EnumSet.of(CASE_OFFICER, INVESTIGATOR, AUDITOR));
    // treaty admins only for treaty-level objects: narrowed by the chaincode's AccessPolicy
    m.put("audit:byObject", EnumSet.of(INVESTIGATOR, AUDITOR, TREATY_ADMIN));
    m.put("audit:byActor", investigatorsAndAuditors);
    m.put("audit:byTimeRange", investigatorsAndAuditors);
    m.replaceAll((k, v) -> Collections.unmodifiableSet(EnumSet.copyOf(v)));
    ROLES = Collections.unmodifiableMap(m);
  }

  private RuleTable() {}

  /** The roles allowed to call {@code transaction}, or an empty set when it is unknown. */
  public static Set<Role> rolesFor(final String transaction) {
    return ROLES.getOrDefault(transaction, Set.of());
  }

  /** Whether {@code transaction} has a rule (open transactions have none). */
  public static boolean ruled(final String transaction) {
    return ROLES.containsKey(transaction);
  }

  /** Every transaction with a rule, sorted. */
  public static Set<String> transactions() {
    return ROLES.keySet();
  }

  /** What the node lets {@code role} do: its transactions plus the node-only permissions. */
  public static Set<String> permissionsOf(final Role role) {
    final Set<String> out = new TreeSet<>();
    NODE_ONLY.forEach(
        (p, roles) -> {
          if (roles.contains(role)) {
            out.add(p);
          }
        });
    ROLES.forEach(
        (tx, roles) -> {
          if (roles.contains(role)) {
            out.add(tx);
          }
        });
    return Collections.unmodifiableSet(out);
  }
}
