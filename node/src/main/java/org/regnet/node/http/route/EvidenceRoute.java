package org.regnet.node.http.route;

import java.util.function.Supplier;
import org.regnet.node.evidence.EvidenceException;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Route;

/** What the evidence routes share: the mapping of the store's codes to the API's catalogue. */
abstract class EvidenceRoute implements Route {

  static Reply call(Supplier<com.fasterxml.jackson.databind.JsonNode> action) {
    try {
      return Reply.ok(action.get());
    } catch (EvidenceException e) {
      String code =
          switch (e.code()) {
            case BAD_CASE, BAD_DOCUMENT -> "VALIDATION_FAILED";
            case UNKNOWN_DOCUMENT -> "NOT_FOUND";
            case NOT_A_PARTY -> "ACCESS_DENIED";
            case TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case HASH_MISMATCH -> "HASH_MISMATCH";
            case TRANSFER_FAILED -> "TRANSFER_FAILED";
            case WRONG_OFFSET, IN_USE, ALREADY_ACCEPTED -> "CONFLICT";
            case STORE_FAILED -> "INTERNAL";
          };
      throw new ApiException(code, "evidence", e.getMessage());
    }
  }
}
