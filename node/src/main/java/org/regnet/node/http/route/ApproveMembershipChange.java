package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/treaties/{treatyId}/membership-changes/{changeId}/approvals: Approve a membership change
 * as this authority's treaty admin (treaty:approveMembershipChange).
 */
public final class ApproveMembershipChange extends LedgerRoute {
  public ApproveMembershipChange(Ledger ledger) {
    super(
        Specs.post(
            "/v1/treaties/{treatyId}/membership-changes/{changeId}/approvals",
            "treaty:write",
            "Approve a membership change as this authority's treaty admin",
            "MembershipChange"),
        "treaty:approveMembershipChange",
        Kind.SUBMIT,
        ledger);
  }
}
