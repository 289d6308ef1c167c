package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/treaties/{treatyId}/membership-changes/{changeId}/withdrawal: the proposing authority
 * takes back its pending membership change (treaty:withdrawMembershipChange).
 */
public final class WithdrawMembershipChange extends LedgerRoute {
  public WithdrawMembershipChange(Ledger ledger) {
    super(
        Specs.post(
            "/v1/treaties/{treatyId}/membership-changes/{changeId}/withdrawal",
            "treaty:withdrawMembershipChange",
            "Withdraw a pending membership change this authority proposed",
            "MembershipChange"),
        "treaty:withdrawMembershipChange",
        Kind.SUBMIT,
        ledger);
  }
}
