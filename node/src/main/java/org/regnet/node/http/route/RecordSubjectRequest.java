package org.regnet.node.http.route;

import java.util.List;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/{requestId}/subject-requests: record a data subject's request (rectify,
 * annotate, restrict, lift a restriction) against a request; the details are confidential
 * (assistance:recordSubjectRequest).
 */
public final class RecordSubjectRequest extends AssistanceStep {
  public RecordSubjectRequest(AssistanceCases cases) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/subject-requests",
            "assistance:recordSubjectRequest",
            "Record a data subject's request (GDPR Art. 16, 18) against a request; details confidential",
            "AssistanceRequest",
            Specs.req("kind", "string"),
            Specs.req("message", "string"),
            Specs.opt("evidenceDigests", "array")),
        "assistance:recordSubjectRequest",
        List.of("kind"),
        List.of("message", "evidenceDigests"),
        cases);
  }
}
