package org.regnet.node.http.route;

import org.regnet.node.evidence.CaseRef;
import org.regnet.node.evidence.EvidenceDesk;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/**
 * GET /v1/evidence/cases/{kind}/{caseId} (kind: referral or rfa): a case's documents in this node
 * and their custody.
 */
public final class ListEvidence extends EvidenceRoute {
  private final EvidenceDesk desk;

  public ListEvidence(EvidenceDesk desk) {
    this.desk = desk;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/evidence/cases/{kind}/{caseId}",
        "evidence:get",
        "A case's documents (kind referral or rfa) and their chain of custody",
        "EvidenceList");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return call(
        () ->
            desk.list(
                request.user().username(),
                new CaseRef(request.path("kind"), request.path("caseId"))));
  }
}
