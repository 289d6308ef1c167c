package org.regnet.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.regnet.node.store.User;

/**
 * What a route gets: path parameters, query, the validated body, the authenticated user, and the
 * client's address (the TCP peer; the node trusts no forwarding header).
 */
public record RouteRequest(
    Map<String, String> path,
    Map<String, List<String>> query,
    ObjectNode body,
    User user,
    String token,
    Map<String, String> headers,
    String clientAddress) {

  /** A request without a known client address (tests of single routes). */
  public RouteRequest(
      Map<String, String> path,
      Map<String, List<String>> query,
      ObjectNode body,
      User user,
      String token,
      Map<String, String> headers) {
    this(path, query, body, user, token, headers, "-");
  }

  public String path(String name) {
    return path.get(name);
  }

  /**
   * The body without its confidential {@code payload}: what a case's creation sends apart from the
   * payload, which travels sealed.
   */
  public ObjectNode bodyWithoutPayload() {
    ObjectNode copy = body.deepCopy();
    copy.remove("payload");
    return copy;
  }

  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
