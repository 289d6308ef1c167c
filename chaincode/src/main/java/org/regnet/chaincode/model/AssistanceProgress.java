package org.regnet.chaincode.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What changes in a request for assistance as the requested authority answers it. Immutable: each
 * step makes a copy through {@link #toBuilder()}, the one place that lists the fields.
 */
public record AssistanceProgress(
    AssistanceStatus status,
    String updatedAt,
    String acknowledgedAt,
    String estimatedReplyAt,
    Integer updateFrequencyDays,
    boolean urgencyContested,
    String finalReplyAt,
    List<AssistanceUpdate> updates,
    List<AssistanceReply> replies,
    List<OverdueMark> overdue,
    List<Disclosure> disclosures,
    List<SubjectRequest> subjectRequests,
    String restrictedAt,
    String purgedAt) {

  public AssistanceProgress {
    updates = List.copyOf(updates);
    replies = List.copyOf(replies);
    overdue = List.copyOf(overdue);
    disclosures = List.copyOf(disclosures);
    subjectRequests = subjectRequests == null ? List.of() : List.copyOf(subjectRequests);
  }

  public static AssistanceProgress submitted(final String at) {
    return new AssistanceProgress(
        AssistanceStatus.SUBMITTED,
        at,
        null,
        null,
        null,
        false,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }

  public boolean overdue(final DeadlineKind kind) {
    return overdue.stream().anyMatch(o -> o.kind() == kind);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a progress with some parts replaced. */
  public static final class Builder {
    private AssistanceStatus status;
    private String updatedAt;
    private String acknowledgedAt;
    private String estimatedReplyAt;
    private Integer updateFrequencyDays;
    private boolean urgencyContested;
    private String finalReplyAt;
    private final List<AssistanceUpdate> updates;
    private final List<AssistanceReply> replies;
    private final List<OverdueMark> overdue;
    private final List<Disclosure> disclosures;
    private final List<SubjectRequest> subjectRequests;
    private String restrictedAt;
    private String purgedAt;

    private Builder(final AssistanceProgress p) {
      status = p.status;
      updatedAt = p.updatedAt;
      acknowledgedAt = p.acknowledgedAt;
      estimatedReplyAt = p.estimatedReplyAt;
      updateFrequencyDays = p.updateFrequencyDays;
      urgencyContested = p.urgencyContested;
      finalReplyAt = p.finalReplyAt;
      updates = new ArrayList<>(p.updates);
      replies = new ArrayList<>(p.replies);
      overdue = new ArrayList<>(p.overdue);
      disclosures = new ArrayList<>(p.disclosures);
      subjectRequests = new ArrayList<>(p.subjectRequests);
      restrictedAt = p.restrictedAt;
      purgedAt = p.purgedAt;
    }

    public Builder status(final AssistanceStatus s) {
      status = s;
      return this;
    }

    public Builder at(final String at) {
      updatedAt = at;
      return this;
    }

    public Builder acknowledged(final String at, final String estimate, final Integer everyDays) {
      acknowledgedAt = at;
      estimatedReplyAt = estimate;
      updateFrequencyDays = everyDays;
      return this;
    }

    public Builder estimate(final String estimate) {
      estimatedReplyAt = estimate;
      return this;
    }

    public Builder urgencyContested() {
      urgencyContested = true;
      return this;
    }

    public Builder finalReplyAt(final String at) {
      finalReplyAt = at;
      return this;
    }

    public Builder update(final AssistanceUpdate u) {
      updates.add(u);
      return this;
    }

    public Builder reply(final AssistanceReply r) {
      replies.add(r);
      return this;
    }

    public Builder overdue(final OverdueMark o) {
      overdue.add(o);
      return this;
    }

    /** Adds a disclosure, or replaces the one with the same sequence number. */
    public Builder disclosure(final Disclosure d) {
      disclosures.removeIf(x -> x.seq() == d.seq());
      disclosures.add(d);
      disclosures.sort(java.util.Comparator.comparingInt(Disclosure::seq));
      return this;
    }

    public Builder subjectRequest(final SubjectRequest r) {
      subjectRequests.add(r);
      return this;
    }

    /** Sets or (with null) lifts the restriction of processing. */
    public Builder restrictedAt(final String at) {
      restrictedAt = at;
      return this;
    }

    public Builder purgedAt(final String at) {
      purgedAt = at;
      return this;
    }

    public AssistanceProgress build() {
      return new AssistanceProgress(
          status,
          updatedAt,
          acknowledgedAt,
          estimatedReplyAt,
          updateFrequencyDays,
          urgencyContested,
          finalReplyAt,
          updates,
          replies,
          overdue,
          disclosures,
          subjectRequests,
          restrictedAt,
          purgedAt);
    }
  }
}
