package org.regnet.chaincode.model;

/** A treaty member: the authority (MSP id), its jurisdiction (ISO 3166-1 alpha-2), optional LEI. */
public record Member(
    String msp, String jurisdiction, String lei, MemberStatus status, String since) {

  public Member withStatus(final MemberStatus newStatus, final String at) {
    return new Member(msp, jurisdiction, lei, newStatus, at);
  }
}
