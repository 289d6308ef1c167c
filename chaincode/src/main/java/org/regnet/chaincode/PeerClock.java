package org.regnet.chaincode;

import java.time.Instant;

/**
 * The endorsing peer's own clock. A transaction must never write anything derived from it: each
 * endorsing peer would read a different time and the read/write sets would differ (and a
 * transaction's timestamp is what the client chose). A query runs on one peer and writes nothing,
 * so it may compare a recorded time with the time where it runs; that is how an audited read
 * expires whatever timestamp the client put on its proposal. A transaction may use it only to
 * refuse: the retention purge refuses a timestamp too far from the peer's clock (decision 0022);
 * the endorsements that accept then carry identical read/write sets.
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
