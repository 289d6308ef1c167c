package org.regnet.node.http.route;

import java.util.function.Supplier;
import org.regnet.node.evidence.EvidenceException;
import org.regnet.node.http.EvidenceUpload;
import org.regnet.node.http.Route;

/** What the evidence routes share: the mapping of the store's codes to the API's catalogue. */
abstract class EvidenceRoute implements Route {

  static Reply call(Supplier<com.fasterxml.jackson.databind.JsonNode> action) {
    try {
      return Reply.ok(action.get());
    } catch (EvidenceException e) {
      throw EvidenceUpload.translate(e);
    }
  }
}
