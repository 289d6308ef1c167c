package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AssistanceCases;

/** GET /v1/assistance/{requestId}/content: the request with its confidential content. */
public final class AssistanceContent implements Route {
  private final AssistanceCases cases;

  public AssistanceContent(AssistanceCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/assistance/{requestId}/content",
        "assistance:content",
        "Read a request with its confidential content (from this authority's own peer)",
        "AssistanceContent");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(cases.content(request.user().username(), request.path("requestId")));
  }
}
