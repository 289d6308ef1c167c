package org.regnet.node.ledger;

import io.grpc.Status;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.GatewayException;
import org.regnet.node.service.LedgerException;

/**
 * Turns what the Fabric Gateway reports into a {@link LedgerException} with a stable code: the
 * chaincode's own code when it refused ("ACCESS_DENIED: field: detail"), else UNAVAILABLE for an
 * unreachable peer or orderer. Messages are the chaincode's, never a stack trace.
 */
final class FabricErrors {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FabricErrors.class);
  private static final List<String> CODES =
      List.of(
          "VALIDATION_FAILED",
          "ACCESS_DENIED",
          "NOT_FOUND",
          "CONFLICT",
          "INVALID_STATE",
          "OUT_OF_SCOPE",
          "CONSENT_REQUIRED");
  private static final Pattern CHAINCODE =
      Pattern.compile("chaincode response 500, ([A-Z_]+): (.*)");

  private FabricErrors() {}

  static LedgerException map(GatewayException e) {
    String all =
        e.getMessage()
            + " "
            + e.getDetails().stream().map(d -> d.getMessage()).reduce("", (a, b) -> a + " " + b);
    Matcher m = CHAINCODE.matcher(all);
    if (m.find() && CODES.contains(m.group(1))) {
      String message = m.group(2);
      for (String end : List.of(" chaincode response", " [", "  ")) {
        int cut = message.indexOf(end);
        if (cut > 0) {
          message = message.substring(0, cut);
        }
      }
      return new LedgerException(m.group(1), m.group(1) + ": " + message.trim());
    }
    Status.Code status = e.getStatus().getCode();
    if (status == Status.Code.UNAVAILABLE || status == Status.Code.DEADLINE_EXCEEDED) {
      return new LedgerException("UNAVAILABLE", "the ledger is unavailable, try again");
    }
    if (all.contains("access denied") || all.contains("creator")) {
      return new LedgerException("ACCESS_DENIED", "the ledger refused this identity");
    }
    // neither the chaincode's refusal nor an outage: the operator needs Fabric's own words (its
    // messages name transactions, peers and codes, never a request's content)
    LOG.warn("ledger request failed: {} {}", e.getStatus().getCode(), all.trim());
    return new LedgerException("UNAVAILABLE", "the ledger could not complete the request");
  }
}
