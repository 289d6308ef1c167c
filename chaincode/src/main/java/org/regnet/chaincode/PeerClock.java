package org.regnet.chaincode;

import java.time.Instant;

/**
 * The endorsing peer's own clock, for queries only. A transaction must never read it: each
 * endorsing peer would read a different time and the read/write sets would differ (and a
 * transaction's timestamp is what the client chose). A query runs on one peer and writes nothing,
 * so it may compare a recorded time with the time where it runs; that is how an audited read
 * expires whatever timestamp the client put on its proposal.
 *
 * <p>The chaincode server runs next to its peer, so the server's system clock is the peer's. A stub
 * that implements this interface (the in-memory test ledger) supplies its own time instead.
 */
public interface PeerClock {

  Instant peerNow();

  /** The peer's time for this query: the stub's own clock when it has one, else system time. */
  static Instant of(final Object stub) {
    return stub instanceof PeerClock c ? c.peerNow() : Instant.now();
  }
}
