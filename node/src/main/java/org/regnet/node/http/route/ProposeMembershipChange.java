package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * POST /v1/treaties/{treatyId}/membership-changes: Propose admitting, suspending, reinstating or
 * withdrawing a member (treaty:proposeMembershipChange).
 */
public final class ProposeMembershipChange extends LedgerRoute {
  public ProposeMembershipChange(Ledger ledger) {
    super(
        Specs.post(
            "/v1/treaties/{treatyId}/membership-changes",
            "treaty:write",
            "Propose admitting, suspending, reinstating or withdrawing a member",
            "MembershipChange",
            Specs.req("kind", "string"),
            Specs.req("member", "string"),
            Specs.opt("jurisdiction", "string"),
            Specs.opt("lei", "string")),
        "treaty:proposeMembershipChange",
        Kind.SUBMIT,
        ledger);
  }
}
