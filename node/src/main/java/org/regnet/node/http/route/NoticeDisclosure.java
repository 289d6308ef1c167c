package org.regnet.node.http.route;

import java.util.List;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/{requestId}/disclosures: notify the other party, before it happens, of a
 * disclosure the law compels to a body outside the network; the legal basis is confidential
 * (assistance:noticeDisclosure).
 */
public final class NoticeDisclosure extends AssistanceStep {
  public NoticeDisclosure(AssistanceCases cases) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/disclosures",
            "assistance:noticeDisclosure",
            "Notify the other party of a compelled disclosure outside the network (legal basis confidential)",
            "AssistanceRequest",
            Specs.req("body", "string"),
            Specs.req("message", "string"),
            Specs.opt("evidenceDigests", "array")),
        "assistance:noticeDisclosure",
        List.of("body"),
        List.of("message", "evidenceDigests"),
        cases);
  }
}
