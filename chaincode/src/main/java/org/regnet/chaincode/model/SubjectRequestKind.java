package org.regnet.chaincode.model;

/**
 * A data subject's request recorded against a case: rectification (GDPR Art. 16), a supplementary
 * statement annotating the data (Art. 16), restriction of processing (Art. 18) and its lifting
 * (Art. 18(3)).
 */
public enum SubjectRequestKind {
  RECTIFY,
  ANNOTATE,
  RESTRICT,
  LIFT_RESTRICTION;
}
