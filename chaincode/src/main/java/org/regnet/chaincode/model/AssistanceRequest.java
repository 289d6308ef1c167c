package org.regnet.chaincode.model;

import java.util.List;

/**
 * The record of a request for assistance both parties hold: who asks whom, under which agreement,
 * the scope facts the chaincode checks, the urgency, the number of items asked for and the
 * deadlines; everything that changes afterwards is in {@link AssistanceProgress}. What is asked,
 * why, of whom, under which mandate, is private (the sealed payload, named by {@code payloadHash}).
 * Unsolicited information is the same record kind with {@code unsolicited} true (decision 0031).
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
    AssistanceProgress progress,
    Boolean unsolicited) {

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
        next,
        unsolicited);
  }

  /**
   * Unsolicited information (2024/2545 Art. 10, decision 0031): no request preceded it; the
   * provider is in the requested position, the recipient in the requester's, and it has no
   * deadlines. Null (absent) on an ordinary request.
   */
  public boolean offered() {
    return Boolean.TRUE.equals(unsolicited);
  }

  /** Who sent the exchange: the requester of a request, the provider of unsolicited information. */
  public String sender() {
    return offered() ? requested : requester;
  }

  /** Who received it: the requested authority, or the recipient of unsolicited information. */
  public String receiver() {
    return offered() ? requester : requested;
  }

  /** The reply deadline in force: the latest estimate once given, else the request's due date. */
  public String currentReplyDueAt() {
    return progress.estimatedReplyAt() != null ? progress.estimatedReplyAt() : replyDueAt;
  }
}
