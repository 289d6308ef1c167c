package org.regnet.chaincode.model;

import java.util.List;
import java.util.TreeSet;

/**
 * A proposed admission, suspension, reinstatement or withdrawal, applied once a quorum approved.
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
    String appliedAt) {

  public MembershipChange {
    approvals = List.copyOf(new TreeSet<>(approvals));
  }

  public MembershipChange withApproval(final String approver) {
    final TreeSet<String> set = new TreeSet<>(approvals);
    set.add(approver);
    return new MembershipChange(
        changeId,
        treatyId,
        kind,
        msp,
        jurisdiction,
        lei,
        proposedBy,
        List.copyOf(set),
        requiredApprovals,
        status,
        createdAt,
        appliedAt);
  }

  public MembershipChange withTally(
      final int required, final ChangeStatus newStatus, final String applied) {
    return new MembershipChange(
        changeId,
        treatyId,
        kind,
        msp,
        jurisdiction,
        lei,
        proposedBy,
        approvals,
        required,
        newStatus,
        createdAt,
        applied);
  }
}
