package org.regnet.chaincode.model;

import java.util.List;

/**
 * The deletion record of a college in one pair collection (decision 0035): everything shared in the
 * college between the pair's two members (ascending) was purged at {@code purgedAt} by {@code
 * actor}. The college's record (title, members) stays beside it.
 */
public record CollegePurge(List<String> pair, String purgedAt, Actor actor) {

  public CollegePurge {
    pair = List.copyOf(pair);
  }
}
