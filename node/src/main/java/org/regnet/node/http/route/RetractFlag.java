package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Flags;

/**
 * POST /v1/flags/{flagId}/retract: retract a flag raised by this authority, in the copy of every
 * treaty member that holds one (flag:retract, once per member; decision 0021). The body names the
 * flag's treaty, whose members the node asks the ledger for.
 */
public final class RetractFlag implements Route {
  private final Flags flags;

  public RetractFlag(Flags flags) {
    this.flags = flags;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/flags/{flagId}/retract",
        "flag:retract",
        "Retract a flag raised by this authority",
        "FlagRetraction",
        Specs.req("treatyId", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        flags.retract(
            request.user().username(),
            request.path("flagId"),
            request.body().get("treatyId").asText()));
  }
}
