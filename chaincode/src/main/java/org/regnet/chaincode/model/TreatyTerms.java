package org.regnet.chaincode.model;

import java.util.List;

/** The terms of a treaty; onward sharing always needs the originator's consent. */
public record TreatyTerms(
    List<DataClass> dataClasses,
    List<PermittedUse> permittedUses,
    int responseDeadlineDays,
    int retentionDays,
    List<RefusalGround> refusalGrounds,
    boolean onwardSharingRequiresConsent) {

  public TreatyTerms {
    dataClasses = List.copyOf(dataClasses);
    permittedUses = List.copyOf(permittedUses);
    refusalGrounds = List.copyOf(refusalGrounds);
  }
}
