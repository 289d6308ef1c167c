package org.regnet.chaincode.model;

import java.util.List;

/**
 * The terms of a treaty; onward sharing always needs the originator's consent.
 *
 * @param membershipChangeDays how long a membership change stays open for votes; 0 in treaties
 *     recorded before the term existed, read as {@link #DEFAULT_MEMBERSHIP_CHANGE_DAYS}
 */
public record TreatyTerms(
    List<DataClass> dataClasses,
    List<PermittedUse> permittedUses,
    int responseDeadlineDays,
    int retentionDays,
    List<RefusalGround> refusalGrounds,
    boolean onwardSharingRequiresConsent,
    int membershipChangeDays) {

  public static final int DEFAULT_MEMBERSHIP_CHANGE_DAYS = 14;

  public TreatyTerms {
    dataClasses = List.copyOf(dataClasses);
    permittedUses = List.copyOf(permittedUses);
    refusalGrounds = List.copyOf(refusalGrounds);
  }

  /** The deadline of a membership change, in days after its proposal. */
  public int changeDeadlineDays() {
    return membershipChangeDays > 0 ? membershipChangeDays : DEFAULT_MEMBERSHIP_CHANGE_DAYS;
  }
}
