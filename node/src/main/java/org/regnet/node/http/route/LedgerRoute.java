package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.IdempotencyScope;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;

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
  private ReadBack readBack;

  /** How a creating route reads the object a derived id names (decision 0007). */
  private record ReadBack(Pattern existing, String getTransaction, String idField) {}

  LedgerRoute(RouteSpec spec, String transaction, Kind kind, Ledger ledger) {
    this.spec = spec;
    this.transaction = transaction;
    this.kind = kind;
    this.ledger = ledger;
  }

  /**
   * Declares this route as creating objects with ids of {@code prefix}: a retry under the same
   * Idempotency-Key whose first attempt's answer was lost meets the object the chaincode made then
   * ("... PREFIX-... already exists") and answers it, read with {@code getTransaction}.
   */
  final void readsBackAfterRetry(String prefix, String getTransaction, String idField) {
    this.readBack =
        new ReadBack(
            Pattern.compile("(" + prefix + "-[0-9a-f]{16}) already exists"),
            getTransaction,
            idField);
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
    // treatyId: a flag's audit trail is read with its treaty (decision 0021)
    for (String q : List.of("pageSize", "from", "to", "bookmark", "treatyId")) {
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
    if (kind == Kind.EVALUATE) {
      return Reply.ok(
          Json.parse(ledger.evaluate(user, transaction, arg.toString(), Map.of(), List.of())));
    }
    try {
      return Reply.ok(
          Json.parse(ledger.submit(user, transaction, arg.toString(), Map.of(), List.of())));
    } catch (LedgerException e) {
      Matcher m =
          readBack == null || !e.code().equals("CONFLICT")
              ? null
              : readBack.existing().matcher(e.getMessage());
      if (m == null || IdempotencyScope.current().isEmpty() || !m.find()) {
        throw e;
      }
      ObjectNode ref = Json.object().put(readBack.idField(), m.group(1));
      return Reply.ok(
          Json.parse(
              ledger.evaluate(
                  user, readBack.getTransaction(), ref.toString(), Map.of(), List.of())));
    }
  }
}
