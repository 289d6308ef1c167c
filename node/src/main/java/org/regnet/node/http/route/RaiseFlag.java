package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Flags;

/**
 * POST /v1/flags: raise an illicit-activity flag; the identifier is sent to the ledger only as a
 * keyed hash.
 */
public final class RaiseFlag implements Route {
  private final Flags flags;

  public RaiseFlag(Flags flags) {
    this.flags = flags;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/flags",
        "flag:raise",
        "Raise a flag under a treaty (identifier never leaves the node)",
        "Flag",
        Specs.req("treatyId", "string"),
        Specs.req("subjectType", "string"),
        Specs.req("identifier", "string"),
        Specs.opt("chainId", "string"),
        Specs.req("category", "string"),
        Specs.req("confidence", "string"),
        Specs.req("expiresAt", "string"),
        Specs.req("evidenceRef", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(flags.raise(request.user().username(), request.body()));
  }
}
