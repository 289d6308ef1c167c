package org.regnet.chaincode.model;

import java.util.List;

/** A college as one of its members reads it: the record and the information shared so far. */
public record CollegeView(College college, List<CollegeItem> items) {

  public CollegeView {
    items = List.copyOf(items);
  }
}
