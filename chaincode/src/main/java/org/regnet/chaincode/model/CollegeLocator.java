package org.regnet.chaincode.model;

import java.util.List;

/**
 * Where a college lives: the public value under the hash of its id (decision 0035), as a request's
 * locator (decision 0029). It names only what the blocks of the college's transactions show anyway:
 * its members (the pair collections written are named in the hashed read/write sets, and each
 * member's peer endorses), the forming authority (the submitter's certificate) and the treaty
 * (whose public record the formation reads). Every endorsing peer reads it, since none of them
 * holds all the pair collections a college spans.
 */
public record CollegeLocator(
    String treatyId, String formedBy, List<String> members, String closedAt, int items) {

  public CollegeLocator {
    members = List.copyOf(members);
  }

  /** Closed to new information; retention counts from here. */
  public CollegeLocator closed(final String at) {
    return new CollegeLocator(treatyId, formedBy, members, at, items);
  }

  /** One more item shared: its sequence number is the new count. */
  public CollegeLocator withItem() {
    return new CollegeLocator(treatyId, formedBy, members, closedAt, items + 1);
  }
}
