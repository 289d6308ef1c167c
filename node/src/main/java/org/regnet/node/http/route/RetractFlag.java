package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/** POST /v1/flags/{flagId}/retract: Retract a flag raised by this authority (flag:retract). */
public final class RetractFlag extends LedgerRoute {
  public RetractFlag(Ledger ledger) {
    super(
        Specs.post(
            "/v1/flags/{flagId}/retract",
            "flag:retract",
            "Retract a flag raised by this authority",
            "Flag"),
        "flag:retract",
        Kind.SUBMIT,
        ledger);
  }
}
