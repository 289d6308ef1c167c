package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which chaincode events belong in this authority's inbox: those naming it as a party that another
 * authority caused (incoming referrals and their steps, agreements to sign, consent requests, a
 * flag's copy shared with it or a match of its flag), and treaty-wide ones another member caused
 * (membership votes). A flag's events name only the pair (decision 0021).
 */
public final class InboxFilter {
  private final String mspId;

  public InboxFilter(String mspId) {
    this.mspId = mspId;
  }

  /** This authority's MSP id. */
  public String mspId() {
    return mspId;
  }

  public boolean relevant(JsonNode event) {
    String name = event.path("event").asText("");
    String actor = event.path("actor").asText("");
    if (actor.equals(mspId)) {
      return false;
    }
    if (name.startsWith("regnet.treaty.")) {
      return true;
    }
    for (JsonNode p : event.path("parties")) {
      if (p.asText().equals(mspId)) {
        return true;
      }
    }
    return false;
  }
}
