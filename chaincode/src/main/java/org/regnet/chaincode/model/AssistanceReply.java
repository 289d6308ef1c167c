package org.regnet.chaincode.model;

import java.util.List;

/**
 * A partial or final reply: the public outcome per item; the content (message, evidence digests,
 * pinned documents) is private, named here by its salted hash.
 */
public record AssistanceReply(
    int seq, boolean finalReply, String at, List<ReplyItem> items, String payloadHash) {

  public AssistanceReply {
    items = List.copyOf(items);
  }
}
