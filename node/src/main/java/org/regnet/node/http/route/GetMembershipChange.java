package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/treaties/{treatyId}/membership-changes/{changeId}: View a membership change and its
 * approvals (treaty:getMembershipChange).
 */
public final class GetMembershipChange extends LedgerRoute {
  public GetMembershipChange(Ledger ledger) {
    super(
        Specs.get(
            "/v1/treaties/{treatyId}/membership-changes/{changeId}",
            "treaty:getMembershipChange",
            "View a membership change and its approvals",
            "MembershipChange"),
        "treaty:getMembershipChange",
        Kind.EVALUATE,
        ledger);
  }
}
