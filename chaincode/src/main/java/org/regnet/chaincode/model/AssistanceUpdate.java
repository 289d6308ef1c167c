package org.regnet.chaincode.model;

/**
 * A progress update, a new estimate (with the reasons why the reply is late) or a contested
 * urgency; the reasons are private, named by their salted hash.
 */
public record AssistanceUpdate(
    int seq, UpdateKind kind, String at, String estimatedReplyAt, String payloadHash) {}
