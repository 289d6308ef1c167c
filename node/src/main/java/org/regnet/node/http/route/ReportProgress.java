package org.regnet.node.http.route;

import java.util.List;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/{requestId}/progress: a progress update (confidential)
 * (assistance:reportProgress).
 */
public final class ReportProgress extends AssistanceStep {
  public ReportProgress(AssistanceCases cases) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/progress",
            "assistance:reportProgress",
            "Report progress on a request (confidential message)",
            "AssistanceRequest",
            Specs.req("message", "string"),
            Specs.opt("evidenceDigests", "array")),
        "assistance:reportProgress",
        List.of(),
        List.of("message", "evidenceDigests"),
        cases);
  }
}
