package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/unsolicited: share information with the other party of an agreement without a
 * request (2024/2545 Art. 10, decision 0031). The agreement, purposes and data classes are checked
 * as a request's are; {@code payload} (the information, a message, evidence digests and pinned
 * documents) is confidential: it travels only in the transient map to the two parties' peers. The
 * answer is the record, already answered, with {@code unsolicited} true.
 */
public final class OfferUnsolicitedInformation implements Route {
  private final AssistanceCases cases;

  public OfferUnsolicitedInformation(AssistanceCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/assistance/unsolicited",
        "assistance:offer",
        "Share information with the other party of an agreement without a request",
        "AssistanceRequest",
        Specs.req("agreementId", "string"),
        Specs.req("recipient", "string"),
        Specs.req("instrumentClass", "string"),
        Specs.req("dataClasses", "array"),
        Specs.req("purposes", "array"),
        Specs.req("payload", "object"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(
        cases.offer(
            request.user().username(),
            request.bodyWithoutPayload(),
            request.body().get("payload")));
  }
}
