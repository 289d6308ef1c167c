package org.regnet.node.store;

import java.time.Instant;

/** One entry of the authority's inbox: a chaincode event that concerns it. */
public record InboxItem(
    long seq,
    String event,
    String objectId,
    String treatyId,
    String txId,
    long block,
    String payload,
    Instant receivedAt) {}
