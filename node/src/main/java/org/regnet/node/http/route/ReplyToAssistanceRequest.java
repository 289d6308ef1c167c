package org.regnet.node.http.route;

import java.util.List;
import org.regnet.node.service.AssistanceCases;

/**
 * POST /v1/assistance/{requestId}/replies: a partial or final reply, each item provided, refused
 * with a ground or deferred; the message, evidence digests and pinned documents are confidential
 * (assistance:reply).
 */
public final class ReplyToAssistanceRequest extends AssistanceStep {
  public ReplyToAssistanceRequest(AssistanceCases cases) {
    super(
        Specs.post(
            "/v1/assistance/{requestId}/replies",
            "assistance:reply",
            "Reply in part or in full: per item provided, refused (with a ground) or deferred",
            "AssistanceRequest",
            Specs.req("finalReply", "boolean"),
            Specs.req("items", "array"),
            Specs.req("message", "string"),
            Specs.opt("evidenceDigests", "array"),
            Specs.opt("documents", "array")),
        "assistance:reply",
        List.of("finalReply", "items"),
        List.of("message", "evidenceDigests", "documents"),
        cases);
  }
}
