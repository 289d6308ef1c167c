package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ChannelUpdateSummary;

/**
 * GET /v1/treaties/{treatyId}/membership-changes/{changeId}/summary: the change and its channel
 * update in plain words, decoded from the bytes an approval signs.
 */
public final class MembershipChangeSummary implements Route {
  private final ChannelUpdateSummary summary;

  public MembershipChangeSummary(ChannelUpdateSummary summary) {
    this.summary = summary;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/treaties/{treatyId}/membership-changes/{changeId}/summary",
        "treaty:getChannelUpdate",
        "A membership change and its channel update in plain words, for approvers",
        "ChangeSummary");
  }

  @Override
  public Reply handle(RouteRequest r) {
    return Reply.ok(summary.summarise(r.user().username(), r.path("treatyId"), r.path("changeId")));
  }
}
