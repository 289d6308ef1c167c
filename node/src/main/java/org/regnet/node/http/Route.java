package org.regnet.node.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One HTTP endpoint: its declaration and its handler, which runs off the event loop. */
public interface Route {
  RouteSpec spec();

  /** Handles the request; throws {@link ApiException} to refuse it. */
  Reply handle(RouteRequest request);

  /** A JSON reply with its status. */
  record Reply(int status, JsonNode body) {
    public static Reply ok(JsonNode body) {
      return new Reply(200, body);
    }
  }
}
