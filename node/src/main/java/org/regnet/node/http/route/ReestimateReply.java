package org.regnet.node.http.route;

import java.util.List;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/{requestId}/reestimate: a new estimated reply date with the reasons for the
 * delay (confidential) (assistance:reestimate).
 */
public final class ReestimateReply extends AssistanceStep {
  public ReestimateReply(AssistanceCases cases) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/reestimate",
            "assistance:reestimate",
            "Give a new estimated reply date, with the reasons (confidential)",
            "AssistanceRequest",
            Specs.req("estimatedReplyAt", "string"),
            Specs.req("message", "string"),
            Specs.opt("evidenceDigests", "array")),
        "assistance:reestimate",
        List.of("estimatedReplyAt"),
        List.of("message", "evidenceDigests"),
        cases);
  }
}
