package org.regnet.chaincode.model.payload;

import java.util.List;
import org.regnet.chaincode.validate.Check;

/**
 * The private content of a reply: a message (with reasons for each refused or deferred item),
 * digests of evidence and the pinned documents sent.
 */
public record ReplyPayload(
    String message, List<EvidenceDigest> evidenceDigests, List<DocumentRef> documents) {

  public ReplyPayload validated() {
    Check.text("payload.message", message, 20000, true);
    final List<EvidenceDigest> e = Check.list("payload.evidenceDigests", evidenceDigests, 0, 100);
    for (int i = 0; i < e.size(); i++) {
      e.get(i).validated("payload.evidenceDigests[" + i + "]");
    }
    final List<DocumentRef> d = Check.list("payload.documents", documents, 0, 100);
    for (int i = 0; i < d.size(); i++) {
      d.get(i).validated("payload.documents[" + i + "]");
    }
    return new ReplyPayload(message, e, d);
  }
}
