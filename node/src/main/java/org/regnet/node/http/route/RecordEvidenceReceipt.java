package org.regnet.node.http.route;

import org.regnet.node.evidence.EvidenceDesk;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** POST /v1/evidence/{documentId}/receipt: record receipt of a document whose hash was verified. */
public final class RecordEvidenceReceipt extends EvidenceRoute {
  private final EvidenceDesk desk;

  public RecordEvidenceReceipt(EvidenceDesk desk) {
    this.desk = desk;
  }

  @Override
  public RouteSpec spec() {
    return Specs.gone(
        Specs.post(
            "/v1/evidence/{documentId}/receipt",
            "evidence:receive",
            "Record on the ledger that a verified document was received",
            "EvidenceDocument"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return call(() -> desk.recordReceipt(request.user().username(), request.path("documentId")));
  }
}
