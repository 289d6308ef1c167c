package org.regnet.node.http;

/**
 * A route whose own work is expensive in CPU or memory (password hashing): it runs on the small
 * {@code costly} lane of {@link WorkerPools}, never on the threads that serve reads and writes.
 */
public interface CostlyRoute extends Route {}
