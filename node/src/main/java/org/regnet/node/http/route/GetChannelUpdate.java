package org.regnet.node.http.route;

import org.regnet.node.service.Ledger;

/**
 * GET /v1/treaties/{treatyId}/membership-changes/{changeId}/channel-update: the update and its
 * signatures so far.
 */
public final class GetChannelUpdate extends LedgerRoute {
  public GetChannelUpdate(Ledger ledger) {
    super(
        Specs.get(
            "/v1/treaties/{treatyId}/membership-changes/{changeId}/channel-update",
            "treaty:getChannelUpdate",
            "The channel config update a membership change carries, with the signatures gathered",
            "ChannelUpdate"),
        "treaty:getChannelUpdate",
        Kind.EVALUATE,
        ledger);
  }
}
