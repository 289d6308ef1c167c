package org.regnet.chaincode.model;

/**
 * A data-subject request recorded by one party ({@code by}); what the subject asked and what was
 * done is private, named by its salted hash.
 */
public record SubjectRequest(
    int seq, SubjectRequestKind kind, String by, String at, String payloadHash) {}
