package org.regnet.chaincode.model;

/**
 * A disclosure outside the network that the law compels (MMoU para 11): who discloses ({@code by},
 * an MSP id), the body it goes to, the notice to the requester and the end of its objection window,
 * an objection if any, and when it was made. The legal basis and details are private (salted hash).
 */
public record Disclosure(
    int seq,
    String by,
    String body,
    DisclosureStatus status,
    String notifiedAt,
    String objectionUntil,
    String objectedAt,
    String disclosedAt,
    String payloadHash) {

  public Disclosure objected(final String at) {
    return new Disclosure(
        seq,
        by,
        body,
        DisclosureStatus.OBJECTED,
        notifiedAt,
        objectionUntil,
        at,
        null,
        payloadHash);
  }

  public Disclosure disclosed(final String at) {
    return new Disclosure(
        seq,
        by,
        body,
        DisclosureStatus.DISCLOSED,
        notifiedAt,
        objectionUntil,
        objectedAt,
        at,
        payloadHash);
  }
}
