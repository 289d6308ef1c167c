package org.regnet.node.service;

import java.time.Instant;

/**
 * The outcome of one readiness probe: whether the ledger answered, and how far the event follower
 * is behind ({@code -1} when unknown): the blocks committed after the last one it filed an event
 * from, an upper bound on its lag (blocks without events of ours count too).
 */
public record Readiness(
    boolean ready, long checkpointBlock, long ledgerHeight, long blocksBehind, Instant checkedAt) {}
