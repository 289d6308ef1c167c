package org.regnet.node.evidence;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention that ends, for documents (decision 0030): when a request for assistance is purged on
 * the ledger at the end of its treaty's retention, each party's node deletes the request's
 * documents from its own store, keeping their descriptions with the deletion time as its deletion
 * record; the ledger's custody records keep the hashes.
 *
 * <p>The node learns of a purge from the event follower ({@code regnet.assistance.purged}, filed
 * for both parties, the purging one included), and at each start catches up from the events its
 * inbox filed, so a crash between filing and deleting only delays the deletion. Deleting twice
 * changes nothing.
 */
public final class EvidenceRetention {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceRetention.class);

  /** The event of a purge; its object id is the request's id. */
  public static final String PURGED_EVENT = "regnet.assistance.purged";

  private final EvidenceStore store;
  private final Clock clock;

  public EvidenceRetention(EvidenceStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Deletes the documents of the purged request {@code requestId}; answers how many were new. */
  public int purged(String requestId) {
    return catchUp(List.of(requestId));
  }

  /**
   * Deletes the documents of every request in {@code purgedRequests} (a start's catch-up), reading
   * the store once however many requests were purged.
   */
  public int catchUp(Collection<String> purgedRequests) {
    Set<CaseRef> cases = new HashSet<>();
    purgedRequests.forEach(id -> caseOf(id).ifPresent(cases::add));
    if (cases.isEmpty()) {
      return 0;
    }
    Map<CaseRef, Integer> deleted = new TreeMap<>(Comparator.comparing(CaseRef::toString));
    for (DocumentMeta m : store.documents()) {
      if (cases.contains(m.caseRef()) && store.delete(m.documentId(), clock.instant())) {
        deleted.merge(m.caseRef(), 1, Integer::sum);
      }
    }
    deleted.forEach((c, n) -> LOG.info("retention ended for {}: deleted {} documents", c, n));
    return deleted.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The case of a request, unless its id is one no document of the store can carry. */
  private static Optional<CaseRef> caseOf(String requestId) {
    try {
      return Optional.of(new CaseRef("rfa", requestId));
    } catch (EvidenceException e) {
      return Optional.empty();
    }
  }
}
