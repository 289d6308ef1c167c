package org.regnet.chaincode.model;

/**
 * Grounds on which a requested authority may decline, in whole or for one item (after the IOSCO
 * MMoU para 6(e); {@link #PREJUDICE_TO_OWN_INVESTIGATION} after MiCA Art. 95: the ground of
 * prejudice to the requested authority's own investigation or proceedings).
 */
public enum RefusalGround {
  NOT_IN_ACCORDANCE_WITH_TREATY,
  VIOLATES_DOMESTIC_LAW,
  PROCEEDINGS_ALREADY_INITIATED,
  FINAL_JUDGMENT_SAME_FACTS,
  PUBLIC_INTEREST,
  ESSENTIAL_NATIONAL_INTEREST,
  PREJUDICE_TO_OWN_INVESTIGATION;
}
