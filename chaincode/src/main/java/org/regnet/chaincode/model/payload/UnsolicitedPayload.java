package org.regnet.chaincode.model.payload;

import java.util.List;
import org.regnet.chaincode.validate.Check;

/**
 * The private content of unsolicited information (2024/2545 Art. 10, decision 0031): the
 * information itself, and the provider's final reply as a reply carries it (a message, evidence
 * digests, pinned documents), so the evidence transfer and its custody work unchanged.
 */
public record UnsolicitedPayload(
    String information,
    String message,
    List<EvidenceDigest> evidenceDigests,
    List<DocumentRef> documents) {

  /** Longest information text, in characters (the transient payload is capped anyway). */
  static final int MAX_INFORMATION = 100_000;

  public UnsolicitedPayload validated() {
    Check.text("payload.information", information, MAX_INFORMATION, true);
    final ReplyPayload reply = reply().validated();
    return new UnsolicitedPayload(
        information, reply.message(), reply.evidenceDigests(), reply.documents());
  }

  /** The provider's final reply, as {@code assistance:reply} would seal it. */
  public ReplyPayload reply() {
    return new ReplyPayload(message, evidenceDigests, documents);
  }
}
