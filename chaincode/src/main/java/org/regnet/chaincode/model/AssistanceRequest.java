package org.regnet.chaincode.model;

import java.util.List;

/**
 * The record of a request for assistance both parties hold: who asks whom, under which agreement,
 * the scope facts the chaincode checks, the urgency, the number of items asked for and the
 * deadlines; everything that changes afterwards is in {@link AssistanceProgress}. What is asked,
 * why, of whom, under which mandate, is private (the sealed payload, named by {@code payloadHash}).
 */
public record AssistanceRequest(
    String requestId,
    String treatyId,
    String agreementId,
    String requester,
    String requested,
    InstrumentClass instrumentClass,
    List<DataClass> dataClasses,
    List<PermittedUse> purposes,
    Urgency urgency,
    int itemCount,
    String payloadHash,
    String createdAt,
    String acknowledgeDueAt,
    String replyDueAt,
    AssistanceProgress progress) {

  public AssistanceRequest {
    dataClasses = List.copyOf(dataClasses);
    purposes = List.copyOf(purposes);
  }

  /** Requester and requested, sorted. */
  public List<String> parties() {
    return requester.compareTo(requested) < 0
        ? List.of(requester, requested)
        : List.of(requested, requester);
  }

  public AssistanceRequest with(final AssistanceProgress next) {
    return new AssistanceRequest(
        requestId,
        treatyId,
        agreementId,
        requester,
        requested,
        instrumentClass,
        dataClasses,
        purposes,
        urgency,
        itemCount,
        payloadHash,
        createdAt,
        acknowledgeDueAt,
        replyDueAt,
        next);
  }

  /** The reply deadline in force: the latest estimate once given, else the request's due date. */
  public String currentReplyDueAt() {
    return progress.estimatedReplyAt() != null ? progress.estimatedReplyAt() : replyDueAt;
  }
}
