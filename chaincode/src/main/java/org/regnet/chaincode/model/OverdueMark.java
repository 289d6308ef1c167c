package org.regnet.chaincode.model;

/** A deadline found missed, recorded once: which one, when it was due, when it was found. */
public record OverdueMark(DeadlineKind kind, String dueAt, String markedAt) {}
