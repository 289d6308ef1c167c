package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Flags;

/**
 * POST /v1/flags/lookup: is this identifier flagged under the treaty? A POST so the identifier
 * never appears in a URL or an access log. The lookup itself is evaluated on the own peer; each
 * match is revealed through {@code flag:recordMatch}, which records an audit entry for the flag's
 * originator (a lookup without a match leaves no trace).
 */
public final class LookupFlag implements Route {
  private final Flags flags;

  public LookupFlag(Flags flags) {
    this.flags = flags;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/flags/lookup",
        "flag:lookup",
        "Privacy-preserving lookup of an identifier",
        "FlagLookup",
        Specs.req("treatyId", "string"),
        Specs.req("subjectType", "string"),
        Specs.req("identifier", "string"),
        Specs.opt("chainId", "string"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(flags.lookup(request.user().username(), request.body()));
  }
}
