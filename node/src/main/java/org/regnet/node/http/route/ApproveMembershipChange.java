package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.MembershipVotes;

/**
 * POST /v1/treaties/{treatyId}/membership-changes/{changeId}/approvals: this authority's vote; if
 * the change carries a channel update, the node adds its organisation admin's signature of it.
 */
public final class ApproveMembershipChange implements Route {
  private final MembershipVotes votes;

  public ApproveMembershipChange(MembershipVotes votes) {
    this.votes = votes;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/treaties/{treatyId}/membership-changes/{changeId}/approvals",
        "treaty:approveMembershipChange",
        "Approve a membership change (and sign its channel update)",
        "MembershipChange");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        votes.approve(
            request.user().username(), request.path("treatyId"), request.path("changeId")));
  }
}
