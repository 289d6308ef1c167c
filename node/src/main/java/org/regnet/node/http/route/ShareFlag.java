package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Flags;

/**
 * POST /v1/flags/{flagId}/share: write this authority's live flag for every active treaty member
 * that has no copy yet, such as a member admitted after the flag was raised (flag:copy on the own
 * peer, then flag:raise per member under the flag's first key; decision 0021).
 */
public final class ShareFlag implements Route {
  private final Flags flags;

  public ShareFlag(Flags flags) {
    this.flags = flags;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/flags/{flagId}/share",
        "flag:raise",
        "Share a flag of this authority with treaty members that have no copy",
        "Flag",
        Specs.req("treatyId", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        flags.share(
            request.user().username(),
            request.path("flagId"),
            request.body().get("treatyId").asText()));
  }
}
