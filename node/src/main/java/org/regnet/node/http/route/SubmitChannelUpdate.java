package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.MembershipVotes;

/**
 * POST /v1/treaties/{treatyId}/membership-changes/{changeId}/channel-submission: send the change's
 * channel update, with the signatures gathered on chain, to the ordering service. Too few
 * signatures or a stale update: the orderer refuses and nothing changes (403).
 */
public final class SubmitChannelUpdate implements Route {
  private final MembershipVotes votes;

  public SubmitChannelUpdate(MembershipVotes votes) {
    this.votes = votes;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/treaties/{treatyId}/membership-changes/{changeId}/channel-submission",
        "channel:submitUpdate",
        "Submit the channel update with the gathered signatures",
        "ChannelSubmission");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        votes.submitChannelUpdate(
            request.user().username(), request.path("treatyId"), request.path("changeId")));
  }
}
