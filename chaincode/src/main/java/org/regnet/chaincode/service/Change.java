package org.regnet.chaincode.service;

import java.util.List;
import java.util.TreeSet;

/**
 * A state change to record: one audit entry and one event per transaction.
 *
 * @param action e.g. {@code referral.submitted}; the event is {@code regnet.} + action
 * @param alsoUnder another object id whose audit trail includes this entry (a membership change's
 *     treaty), or null
 */
public record Change(
    String action,
    String objectType,
    String objectId,
    String treatyId,
    List<String> viewers,
    String status,
    String payloadHash,
    String alsoUnder) {

  public Change {
    viewers = List.copyOf(new TreeSet<>(viewers));
  }

  public static Change of(
      final String action,
      final String objectType,
      final String objectId,
      final String treatyId,
      final List<String> viewers,
      final String status) {
    return new Change(action, objectType, objectId, treatyId, viewers, status, null, null);
  }

  public Change withPayloadHash(final String hash) {
    return new Change(action, objectType, objectId, treatyId, viewers, status, hash, alsoUnder);
  }

  public Change alsoUnder(final String id) {
    return new Change(action, objectType, objectId, treatyId, viewers, status, payloadHash, id);
  }
}
