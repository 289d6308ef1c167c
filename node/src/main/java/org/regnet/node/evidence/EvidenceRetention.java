package org.regnet.node.evidence;

import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
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
    CaseRef caseRef;
    try {
      caseRef = new CaseRef("rfa", requestId);
    } catch (EvidenceException e) {
      return 0; // no document can belong to an id the store would refuse
    }
    int deleted = 0;
    for (DocumentMeta m : store.byCase(caseRef)) {
      if (store.delete(m.documentId(), clock.instant())) {
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.info("retention ended for {}: deleted {} documents", caseRef, deleted);
    }
    return deleted;
  }

  /** Deletes the documents of every request in {@code purgedRequests} (a start's catch-up). */
  public int catchUp(Collection<String> purgedRequests) {
    int deleted = 0;
    for (String id : purgedRequests) {
      deleted += purged(id);
    }
    return deleted;
  }
}
