package org.regnet.chaincode.model.payload;

import java.util.List;
import org.regnet.chaincode.validate.Check;

/** The confidential content of an information request or response. */
public record InformationMessage(String message, List<EvidenceDigest> evidenceDigests) {

  public InformationMessage validated() {
    Check.text("payload.message", message, 20000, true);
    final List<EvidenceDigest> e = Check.list("payload.evidenceDigests", evidenceDigests, 0, 100);
    for (int i = 0; i < e.size(); i++) {
      e.get(i).validated("payload.evidenceDigests[" + i + "]");
    }
    return new InformationMessage(message, e);
  }
}
