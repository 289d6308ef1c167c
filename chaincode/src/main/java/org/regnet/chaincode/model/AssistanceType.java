package org.regnet.chaincode.model;

/**
 * What a request for assistance asks for (IOSCO MMoU para 7(b); EMMoU para 3; 2024/2545 Art. 8-9).
 * The EMMoU's additional powers ("ACFIT") may only pass between two EMMoU signatories.
 */
public enum AssistanceType {
  DOCUMENTS(false),
  RECORDS(false),
  BANK_RECORDS(false),
  BENEFICIAL_OWNERSHIP_RECORDS(false),
  TESTIMONY(false),
  ON_SITE_VISIT(false),
  COMPELLED_ATTENDANCE(true),
  AUDIT_WORKING_PAPERS(true),
  ASSET_FREEZE(true),
  ISP_RECORDS(true),
  TELEPHONE_RECORDS(true);

  private final boolean emmouOnly;

  AssistanceType(final boolean emmouOnly) {
    this.emmouOnly = emmouOnly;
  }

  /** Whether only two EMMoU signatories may ask for it. */
  public boolean emmouOnly() {
    return emmouOnly;
  }
}
