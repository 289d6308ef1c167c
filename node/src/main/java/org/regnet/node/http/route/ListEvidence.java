package org.regnet.node.http.route;

import org.regnet.node.evidence.CaseRef;
import org.regnet.node.evidence.EvidenceDesk;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** GET /v1/evidence/cases/{caseRef}: a case's documents in this node and their custody. */
public final class ListEvidence extends EvidenceRoute {
  private final EvidenceDesk desk;

  public ListEvidence(EvidenceDesk desk) {
    this.desk = desk;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/evidence/cases/{caseRef}",
        "evidence:get",
        "A case's documents (referral:<id> or rfa:<id>) and their chain of custody",
        "EvidenceList");
  }

  @Override
  public Reply handle(RouteRequest request) {
    return call(() -> desk.list(request.user().username(), CaseRef.parse(request.path("caseRef"))));
  }
}
