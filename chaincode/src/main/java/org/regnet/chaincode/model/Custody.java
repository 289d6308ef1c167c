package org.regnet.chaincode.model;

/**
 * A document's chain-of-custody record as it stands in channel state, readable by every member: it
 * names the two authorities and the times, and only a commitment to the rest. {@code custodyId} is
 * SHA-256(salt, document id) and {@code commitment} SHA-256(salt, document id, case, sender,
 * receiver, document hash, size), with a salt only the two parties hold; so a non-party learns that
 * one authority sent the other something, when and whether it arrived (which the endorsements of
 * both parties' peers show anyway), never the case, the hash or the size.
 */
public record Custody(
    String custodyId,
    String sender,
    String receiver,
    String commitment,
    CustodyStatus status,
    String pinnedAt,
    String receivedAt) {

  public Custody received(final String at) {
    return new Custody(
        custodyId, sender, receiver, commitment, CustodyStatus.RECEIVED, pinnedAt, at);
  }
}
