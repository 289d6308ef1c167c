package org.regnet.chaincode.model;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * A proposed admission, suspension, reinstatement or withdrawal, applied once a quorum approved,
 * unless it expires first ({@code expiresAt}, from the treaty terms) or its proposer withdraws it.
 *
 * @param channelOnly a retry of the channel update of a change the registry already applied (the
 *     earlier update failed at the orderer); applying it changes the registry no further
 * @param closedAt when it was applied, withdrawn or recorded as expired
 * @param signatory for an admission, the IOSCO memorandum the new member signed (null: MMoU)
 */
public record MembershipChange(
    String changeId,
    String treatyId,
    ChangeKind kind,
    String msp,
    String jurisdiction,
    String lei,
    String proposedBy,
    List<String> approvals,
    int requiredApprovals,
    ChangeStatus status,
    String createdAt,
    String appliedAt,
    String expiresAt,
    boolean channelOnly,
    String closedAt,
    Signatory signatory) {

  public MembershipChange {
    approvals = List.copyOf(new TreeSet<>(approvals));
  }

  /** Pending, but its deadline has passed at {@code now}. */
  public boolean expiredAt(final Instant now) {
    return status == ChangeStatus.PENDING
        && expiresAt != null
        && now.isAfter(Instant.parse(expiresAt));
  }

  public MembershipChange withApproval(final String approver) {
    final TreeSet<String> set = new TreeSet<>(approvals);
    set.add(approver);
    return next(List.copyOf(set), requiredApprovals, status, appliedAt, closedAt);
  }

  public MembershipChange withTally(
      final int required, final ChangeStatus newStatus, final String applied) {
    return next(approvals, required, newStatus, applied, applied);
  }

  /** Closed without being applied: WITHDRAWN or EXPIRED. */
  public MembershipChange closed(final ChangeStatus newStatus, final String at) {
    return next(approvals, requiredApprovals, newStatus, appliedAt, at);
  }

  /** The same change with its mutable parts replaced: what was proposed never changes. */
  private MembershipChange next(
      final List<String> approvers,
      final int required,
      final ChangeStatus newStatus,
      final String applied,
      final String closed) {
    return new MembershipChange(
        changeId,
        treatyId,
        kind,
        msp,
        jurisdiction,
        lei,
        proposedBy,
        approvers,
        required,
        newStatus,
        createdAt,
        applied,
        expiresAt,
        channelOnly,
        closed,
        signatory);
  }
}
