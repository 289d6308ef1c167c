package org.regnet.node.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Matches a method and an (already unambiguous) path to a route and its path parameters. */
public final class Router {
  private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private final List<Route> routes;

  public Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
    for (Route r : routes) {
      if (!r.spec().isPublic() && r.spec().permission().isBlank()) {
        throw new IllegalArgumentException("route without permission: " + r.spec().path());
      }
    }
  }

  public List<Route> routes() {
    return routes;
  }

  /** A matched route with its parameters. */
  public record Match(Route route, Map<String, String> params) {}

  /**
   * The route for the path and method; empty when no route has the path; {@link ApiException}
   * METHOD_NOT_ALLOWED when the path exists with other methods.
   */
  public Optional<Match> match(HttpMethod method, String path) {
    String[] segments = path.split("/", -1);
    List<Route> pathMatches = new ArrayList<>();
    for (Route r : routes) {
      Map<String, String> params = matchPath(r.spec().path().split("/", -1), segments);
      if (params != null) {
        if (r.spec().method().equals(method)) {
          return Optional.of(new Match(r, params));
        }
        pathMatches.add(r);
      }
    }
    if (!pathMatches.isEmpty()) {
      throw new ApiException("METHOD_NOT_ALLOWED", "method not allowed");
    }
    return Optional.empty();
  }

  private static Map<String, String> matchPath(String[] template, String[] segments) {
    if (template.length != segments.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        if (!PARAM.matcher(segments[i]).matches()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), segments[i]);
      } else if (!t.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }
}
