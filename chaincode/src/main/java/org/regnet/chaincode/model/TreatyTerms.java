package org.regnet.chaincode.model;

import java.util.List;

/**
 * The terms of a treaty; onward sharing always needs the originator's consent.
 *
 * @param membershipChangeDays how long a membership change stays open for votes; 0 in treaties
 *     recorded before the term existed, read as {@link #DEFAULT_MEMBERSHIP_CHANGE_DAYS}
 * @param acknowledgementWorkingDays working days to acknowledge a request for assistance; 0 reads
 *     as {@link #DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS}
 * @param urgentReplyDays days to answer an urgent request; 0 reads as {@link
 *     #DEFAULT_URGENT_REPLY_DAYS}
 * @param objectionWindowDays days the originator may object to a compelled disclosure; 0 reads as
 *     {@link #DEFAULT_OBJECTION_WINDOW_DAYS}
 */
public record TreatyTerms(
    List<DataClass> dataClasses,
    List<PermittedUse> permittedUses,
    int responseDeadlineDays,
    int retentionDays,
    List<RefusalGround> refusalGrounds,
    boolean onwardSharingRequiresConsent,
    int membershipChangeDays,
    int acknowledgementWorkingDays,
    int urgentReplyDays,
    int objectionWindowDays) {

  public static final int DEFAULT_MEMBERSHIP_CHANGE_DAYS = 14;

  /** 2024/2545 Art. 4: acknowledge within 5 working days. */
  public static final int DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS = 5;

  /** 2024/2545 Art. 7(2): an urgent request is answered within 3 days. */
  public static final int DEFAULT_URGENT_REPLY_DAYS = 3;

  /** MMoU para 11: how long the originator has to object before a compelled disclosure. */
  public static final int DEFAULT_OBJECTION_WINDOW_DAYS = 10;

  public TreatyTerms {
    dataClasses = List.copyOf(dataClasses);
    permittedUses = List.copyOf(permittedUses);
    refusalGrounds = List.copyOf(refusalGrounds);
  }

  /** The deadline of a membership change, in days after its proposal. */
  public int changeDeadlineDays() {
    return membershipChangeDays > 0 ? membershipChangeDays : DEFAULT_MEMBERSHIP_CHANGE_DAYS;
  }

  public int ackWorkingDays() {
    return acknowledgementWorkingDays > 0
        ? acknowledgementWorkingDays
        : DEFAULT_ACKNOWLEDGEMENT_WORKING_DAYS;
  }

  public int urgentDays() {
    return urgentReplyDays > 0 ? urgentReplyDays : DEFAULT_URGENT_REPLY_DAYS;
  }

  public int objectionDays() {
    return objectionWindowDays > 0 ? objectionWindowDays : DEFAULT_OBJECTION_WINDOW_DAYS;
  }
}
