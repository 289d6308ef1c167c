package org.regnet.chaincode.model;

/**
 * Which IOSCO memorandum a member signed: the MMoU (2002) or the Enhanced MMoU (2016), whose
 * additional powers (audit working papers, compelled attendance, freezing assets, internet-service
 * and telephone records) may only be asked of and by EMMoU signatories.
 */
public enum Signatory {
  MMOU,
  EMMOU;
}
