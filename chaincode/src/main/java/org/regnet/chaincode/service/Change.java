package org.regnet.chaincode.service;

import java.util.List;
import java.util.TreeSet;
import org.regnet.chaincode.state.Endorsement;

/**
 * A state change to record: one audit entry and one event per transaction.
 *
 * @param action e.g. {@code referral.submitted}; the event is {@code regnet.} + action
 * @param alsoUnder another object id whose audit trail includes this entry (a membership change's
 *     treaty), or null
 * @param owners whose peers alone may later change the audit entry's keys; null means {@link
 *     Endorsement#ownedBy} the viewers
 * @param pair the two members whose pair collection holds the entry and the event's details
 *     (decision 0020), or null for a public entry and event
 */
public record Change(
    String action,
    String objectType,
    String objectId,
    String treatyId,
    List<String> viewers,
    String status,
    String payloadHash,
    String alsoUnder,
    Endorsement owners,
    List<String> pair) {

  public Change {
    viewers = List.copyOf(new TreeSet<>(viewers));
    if (owners == null) {
      owners = Endorsement.ownedBy(viewers);
    }
    pair = pair == null ? null : List.copyOf(new TreeSet<>(pair));
  }

  public static Change of(
      final String action,
      final String objectType,
      final String objectId,
      final String treatyId,
      final List<String> viewers,
      final String status) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, null, null, null, null);
  }

  public Change withPayloadHash(final String hash) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, hash, alsoUnder, owners, pair);
  }

  public Change alsoUnder(final String id) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, payloadHash, id, owners, pair);
  }

  /** The audit entry belongs to these members' peers rather than to all viewers. */
  public Change ownedBy(final Endorsement e) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, payloadHash, alsoUnder, e, pair);
  }

  /** The entry and the event's details go into the pair collection of {@code a} and {@code b}. */
  public Change inPair(final String a, final String b) {
    return new Change(
        action,
        objectType,
        objectId,
        treatyId,
        viewers,
        status,
        payloadHash,
        alsoUnder,
        owners,
        List.of(a, b));
  }
}
