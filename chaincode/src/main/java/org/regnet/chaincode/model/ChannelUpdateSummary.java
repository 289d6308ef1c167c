package org.regnet.chaincode.model;

import java.util.List;

/**
 * What a verified channel update does, for the approvers to read before they sign: the group it
 * adds or removes, the SHA-256 fingerprints of the added organisation's root CAs and its anchor
 * peers, and the member groups it keeps.
 *
 * @param action {@code ADD} or {@code REMOVE}
 * @param description one sentence saying all of the above
 */
public record ChannelUpdateSummary(
    String action,
    String group,
    String msp,
    List<String> rootCaSha256,
    List<String> anchorPeers,
    List<String> keptGroups,
    String description) {

  public ChannelUpdateSummary {
    rootCaSha256 = List.copyOf(rootCaSha256);
    anchorPeers = List.copyOf(anchorPeers);
    keptGroups = List.copyOf(keptGroups);
  }
}
