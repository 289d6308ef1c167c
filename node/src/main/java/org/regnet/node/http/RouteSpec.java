package org.regnet.node.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Objects;

/**
 * A route declared as data: method, path template ({@code {name}} segments), the permission a
 * caller needs ({@code null} only for the few public routes), the request body's fields, the
 * response's schema and the statuses it answers with. The router and the OpenAPI document are both
 * built from these.
 */
public record RouteSpec(
    HttpMethod method,
    String path,
    String permission,
    String summary,
    List<FieldSpec> body,
    String responseSchema,
    List<Integer> statuses) {

  public RouteSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(summary, "summary");
    body = List.copyOf(body);
    statuses = List.copyOf(statuses);
  }

  public boolean isPublic() {
    return permission == null;
  }
}
