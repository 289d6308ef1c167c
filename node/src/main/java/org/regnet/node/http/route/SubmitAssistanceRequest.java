package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance: ask the other party of an agreement for assistance. {@code payload} (items
 * asked for, facts, purpose, persons, legal mandate, confidentiality, investigation period, urgency
 * reasons) is confidential: it travels only in the transient map to the two parties' peers.
 */
public final class SubmitAssistanceRequest implements Route {
  private final AssistanceCases cases;

  public SubmitAssistanceRequest(AssistanceCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/assistance",
        "assistance:submit",
        "Ask the other party of an agreement for assistance",
        "AssistanceRequest",
        Specs.req("agreementId", "string"),
        Specs.req("instrumentClass", "string"),
        Specs.req("dataClasses", "array"),
        Specs.req("purposes", "array"),
        Specs.req("urgency", "string"),
        Specs.opt("dueDate", "string"),
        Specs.req("payload", "object"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        cases.submit(
            request.user().username(),
            request.bodyWithoutPayload(),
            request.body().get("payload")));
  }
}
