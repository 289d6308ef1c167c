package org.regnet.chaincode.model;

import java.util.List;

/** One entry of the audit trail; {@code viewers} are the MSP ids that may see it. */
public record AuditEntry(
    String entryId,
    String txId,
    String timestamp,
    String action,
    String objectId,
    String objectType,
    String treatyId,
    Actor actor,
    String payloadHash,
    List<String> viewers) {

  public AuditEntry {
    viewers = List.copyOf(viewers);
  }
}
