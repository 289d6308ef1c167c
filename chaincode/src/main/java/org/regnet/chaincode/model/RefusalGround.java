package org.regnet.chaincode.model;

/** Grounds on which a requested authority may decline (after the IOSCO MMoU). */
public enum RefusalGround {
  NOT_IN_ACCORDANCE_WITH_TREATY,
  VIOLATES_DOMESTIC_LAW,
  PROCEEDINGS_ALREADY_INITIATED,
  FINAL_JUDGMENT_SAME_FACTS,
  PUBLIC_INTEREST,
  ESSENTIAL_NATIONAL_INTEREST;
}
