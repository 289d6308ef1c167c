package org.regnet.chaincode.model;

import java.util.List;

/**
 * A college as one of its members reads it: the record, the information shared so far, when it was
 * closed, and the deletion records of the reader's pairs with the other members (decision 0035:
 * retention ends pair by pair).
 */
public record CollegeView(
    College college, List<CollegeItem> items, String closedAt, List<CollegePurge> purges) {

  public CollegeView {
    items = List.copyOf(items);
    purges = List.copyOf(purges);
  }
}
