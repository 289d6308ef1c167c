package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Ledger;

/**
 * A route that is one chaincode transaction: its request is the body plus the path parameters (and
 * paging query parameters), passed as the transaction's JSON argument; the chaincode validates it
 * again. Subclasses only declare.
 */
abstract class LedgerRoute implements Route {
  enum Kind {
    SUBMIT,
    EVALUATE
  }

  private final RouteSpec spec;
  private final String transaction;
  private final Kind kind;
  private final Ledger ledger;

  LedgerRoute(RouteSpec spec, String transaction, Kind kind, Ledger ledger) {
    this.spec = spec;
    this.transaction = transaction;
    this.kind = kind;
    this.ledger = ledger;
  }

  @Override
  public RouteSpec spec() {
    return spec;
  }

  /** The chaincode transaction this route runs. */
  String transaction() {
    return transaction;
  }

  @Override
  public Reply handle(RouteRequest request) {
    ObjectNode arg = request.body().deepCopy();
    request.path().forEach(arg::put);
    for (String q : List.of("pageSize", "from", "to", "bookmark")) {
      String v = request.query(q);
      if (v != null) {
        if (q.equals("pageSize")) {
          try {
            arg.put(q, Integer.parseInt(v));
          } catch (NumberFormatException e) {
            throw new org.regnet.node.http.ApiException(
                "VALIDATION_FAILED", q, "must be an integer");
          }
        } else {
          arg.put(q, v);
        }
      }
    }
    String user = request.user().username();
    String result =
        kind == Kind.SUBMIT
            ? ledger.submit(user, transaction, arg.toString(), Map.of(), List.of())
            : ledger.evaluate(user, transaction, arg.toString(), Map.of(), List.of());
    return Reply.ok(Json.parse(result));
  }
}
