package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.TransactionStatus;

/**
 * GET /v1/transactions/{transactionId}: where a write answered 202 stands ({@code COMMITTED},
 * {@code INVALID} with Fabric's validation code, or {@code PENDING}), asked of this authority's
 * peer. Says nothing about the transaction's content.
 */
public final class TransactionStatusRoute implements Route {
  private final Ledger ledger;

  public TransactionStatusRoute(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/transactions/{transactionId}",
        "inbox:read",
        "Commit status of a submitted transaction (after a 202)",
        "TransactionStatus");
  }

  @Override
  public Reply handle(RouteRequest request) {
    TransactionStatus s = ledger.status(request.user().username(), request.path("transactionId"));
    var out = Json.object().put("transactionId", s.transactionId()).put("status", s.status());
    if (s.validationCode() != null) {
      out.put("validationCode", s.validationCode());
    }
    return Reply.ok(out);
  }
}
