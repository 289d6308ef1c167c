package org.regnet.chaincode.state;

import java.util.List;

/** A page of results with the opaque bookmark for the next one. */
public record Page<T>(List<T> items, int count, String bookmark) {

  public Page {
    items = List.copyOf(items);
  }
}
