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
    Endorsement owners) {

  public Change {
    viewers = List.copyOf(new TreeSet<>(viewers));
    if (owners == null) {
      owners = Endorsement.ownedBy(viewers);
    }
  }

  public static Change of(
      final String action,
      final String objectType,
      final String objectId,
      final String treatyId,
      final List<String> viewers,
      final String status) {
    return new Change(action, objectType, objectId, treatyId, viewers, status, null, null, null);
  }

  public Change withPayloadHash(final String hash) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, hash, alsoUnder, owners);
  }

  public Change alsoUnder(final String id) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, payloadHash, id, owners);
  }

  /** The audit entry belongs to these members' peers rather than to all viewers. */
  public Change ownedBy(final Endorsement e) {
    return new Change(
        action, objectType, objectId, treatyId, viewers, status, payloadHash, alsoUnder, e);
  }
}
