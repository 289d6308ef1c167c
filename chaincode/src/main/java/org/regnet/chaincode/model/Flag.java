package org.regnet.chaincode.model;

/**
 * An illicit-activity flag. The identifier is never stored; the keyed lookup hash is kept in the
 * lookup index only and is not part of this record.
 */
public record Flag(
    String flagId,
    String treatyId,
    String originator,
    SubjectType subjectType,
    String chainId,
    Typology category,
    Confidence confidence,
    String expiresAt,
    String evidenceRef,
    FlagStatus status,
    String raisedAt,
    String retractedAt) {

  public Flag retracted(final String at) {
    return new Flag(
        flagId,
        treatyId,
        originator,
        subjectType,
        chainId,
        category,
        confidence,
        expiresAt,
        evidenceRef,
        FlagStatus.RETRACTED,
        raisedAt,
        at);
  }
}
