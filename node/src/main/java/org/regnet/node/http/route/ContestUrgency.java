package org.regnet.node.http.route;

import java.util.List;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/{requestId}/contest-urgency: contest the urgency of a request, with reasons
 * (confidential) (assistance:contestUrgency).
 */
public final class ContestUrgency extends AssistanceStep {
  public ContestUrgency(AssistanceCases cases) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/contest-urgency",
            "assistance:contestUrgency",
            "Contest the urgency of a request, with reasons (confidential)",
            "AssistanceRequest",
            Specs.req("message", "string"),
            Specs.opt("evidenceDigests", "array")),
        "assistance:contestUrgency",
        List.of(),
        List.of("message", "evidenceDigests"),
        cases);
  }
}
