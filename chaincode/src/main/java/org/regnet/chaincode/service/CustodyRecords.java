package org.regnet.chaincode.service;

import java.util.List;
import java.util.Optional;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.Custody;
import org.regnet.chaincode.state.Endorsement;
import org.regnet.chaincode.state.Keys;

/**
 * Where custody records live: channel state under {@code evidence~<custodyId>}, owned by both
 * parties' peers (a key-level policy), holding only what {@link Custody} lets non-parties see. The
 * one place to change when bilateral records move to per-pair private data collections.
 */
final class CustodyRecords {

  private CustodyRecords() {}

  static Optional<Custody> find(final RegnetContext ctx, final String custodyId) {
    return ctx.ledger().get(ctx.ledger().key(Keys.EVIDENCE, custodyId), Custody.class);
  }

  static void save(final RegnetContext ctx, final Custody c) {
    ctx.ledger()
        .put(
            ctx.ledger().key(Keys.EVIDENCE, c.custodyId()),
            c,
            Endorsement.allOf(List.of(c.sender(), c.receiver())));
  }
}
