package org.regnet.node.http.route;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.regnet.node.http.FieldSpec;
import org.regnet.node.http.RouteSpec;

/** Shorthands for route declarations. */
final class Specs {
  static final List<Integer> READ = List.of(200, 400, 401, 403, 404, 503);

  /** 202: submitted, commit status not known yet (see the transaction status route). */
  static final List<Integer> WRITE = List.of(200, 202, 400, 401, 403, 404, 409, 422, 503);

  private Specs() {}

  static RouteSpec get(String path, String permission, String summary, String response) {
    return new RouteSpec(HttpMethod.GET, path, permission, summary, List.of(), response, READ);
  }

  static RouteSpec post(
      String path, String permission, String summary, String response, FieldSpec... body) {
    return new RouteSpec(
        HttpMethod.POST, path, permission, summary, List.of(body), response, WRITE);
  }

  /**
   * {@code spec} that may also answer 410: its document was deleted when its case's retention ended
   * (decision 0030).
   */
  static RouteSpec gone(RouteSpec spec) {
    List<Integer> statuses = new java.util.ArrayList<>(spec.statuses());
    statuses.add(410);
    return new RouteSpec(
        spec.method(),
        spec.path(),
        spec.permission(),
        spec.summary(),
        spec.body(),
        spec.responseSchema(),
        List.copyOf(statuses));
  }

  static FieldSpec req(String name, String type) {
    return FieldSpec.required(name, type);
  }

  static FieldSpec opt(String name, String type) {
    return FieldSpec.optional(name, type);
  }
}
