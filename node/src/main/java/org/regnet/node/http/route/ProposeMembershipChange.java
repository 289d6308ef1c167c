package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.MembershipVotes;

/**
 * POST /v1/treaties/{treatyId}/membership-changes: propose admitting, suspending, reinstating or
 * withdrawing a member; an admission may carry the channel configuration update (base64), which
 * this node signs as its organisation's admin.
 */
public final class ProposeMembershipChange implements Route {
  private final MembershipVotes votes;

  public ProposeMembershipChange(MembershipVotes votes) {
    this.votes = votes;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/treaties/{treatyId}/membership-changes",
        "treaty:proposeMembershipChange",
        "Propose a membership change (optionally with the channel config update it needs)",
        "MembershipChange",
        Specs.req("kind", "string"),
        Specs.req("msp", "string"),
        Specs.opt("jurisdiction", "string"),
        Specs.opt("lei", "string"),
        Specs.opt("signatory", "string"),
        Specs.opt("channelUpdate", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        votes.propose(request.user().username(), request.path("treatyId"), request.body()));
  }
}
