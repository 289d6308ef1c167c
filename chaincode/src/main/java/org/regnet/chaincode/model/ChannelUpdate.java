package org.regnet.chaincode.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The channel configuration update a membership change carries (base64 of a {@code
 * common.ConfigUpdate}), its SHA-256, and the members' admins' {@code common.ConfigSignature}s by
 * MSP id, gathered through the ledger until the channel's admin policy can be met; and what the
 * update does, verified by the chaincode at proposal ({@link ChannelUpdateSummary}).
 */
public record ChannelUpdate(
    String changeId,
    String update,
    String updateHash,
    ChannelUpdateSummary summary,
    Map<String, String> signatures) {

  public ChannelUpdate {
    signatures = java.util.Collections.unmodifiableMap(new TreeMap<>(signatures));
  }

  public ChannelUpdate withSignature(final String msp, final String signature) {
    final TreeMap<String, String> all = new TreeMap<>(signatures);
    all.put(msp, signature);
    return new ChannelUpdate(changeId, update, updateHash, summary, all);
  }
}
