package org.regnet.node.http.route;

import org.regnet.node.evidence.EvidenceDesk;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/**
 * POST /v1/evidence/{documentId}/send: pin a stored document on the ledger and send it to the
 * counterparty's node; called again after a broken transfer, it resumes.
 */
public final class SendEvidence extends EvidenceRoute {
  private final EvidenceDesk desk;

  public SendEvidence(EvidenceDesk desk) {
    this.desk = desk;
  }

  @Override
  public RouteSpec spec() {
    return Specs.gone(
        Specs.post(
            "/v1/evidence/{documentId}/send",
            "evidence:pin",
            "Pin a document and send it node to node to the case's other party (resumes)",
            "EvidenceTransfer"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return call(() -> desk.send(request.user().username(), request.path("documentId")));
  }
}
