package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.AssistanceCases;

/**
 * A step of the reply leg with confidential content: the {@code publicFields} of the body go into
 * the transaction argument with the request id, the {@code privateFields} into the confidential
 * content (an information message: {@code message} and optional {@code evidenceDigests}, or a
 * reply's). Subclasses only declare.
 */
abstract class AssistanceStep implements Route {
  private final RouteSpec spec;
  private final String transaction;
  private final List<String> publicFields;
  private final List<String> privateFields;
  private final AssistanceCases cases;

  AssistanceStep(
      RouteSpec spec,
      String transaction,
      List<String> publicFields,
      List<String> privateFields,
      AssistanceCases cases) {
    this.spec = spec;
    this.transaction = transaction;
    this.publicFields = publicFields;
    this.privateFields = privateFields;
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return spec;
  }

  @Override
  public Reply handle(RouteRequest request) {
    ObjectNode publicPart = Json.object().put("requestId", request.path("requestId"));
    ObjectNode content = Json.object();
    for (String f : publicFields) {
      copy(request.body(), f, publicPart);
    }
    for (String f : privateFields) {
      copy(request.body(), f, content);
    }
    return Reply.ok(cases.step(request.user().username(), transaction, publicPart, content));
  }

  private static void copy(JsonNode from, String field, ObjectNode to) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    }
  }
}
