package org.regnet.chaincode.model;

/**
 * A treaty member: the authority (MSP id), its jurisdiction (ISO 3166-1 alpha-2), optional LEI, and
 * the IOSCO memorandum it signed ({@code null} in members recorded before the field existed or
 * admitted without it, read as {@link Signatory#MMOU}).
 */
public record Member(
    String msp,
    String jurisdiction,
    String lei,
    MemberStatus status,
    String since,
    Signatory signatory) {

  public Member withStatus(final MemberStatus newStatus, final String at) {
    return new Member(msp, jurisdiction, lei, newStatus, at, signatory);
  }

  /** Whether the member signed the Enhanced MMoU. */
  public boolean emmou() {
    return signatory == Signatory.EMMOU;
  }
}
