package org.regnet.node.http.route;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/**
 * PUT /v1/evidence/{documentId}?caseRef=&receiver=&sha256=&size=&offset=: upload a document into
 * this node's encrypted store, streamed (body {@code application/octet-stream}). The declaration is
 * here for the router and the OpenAPI document; the body never reaches the router: {@link
 * org.regnet.node.http.EvidenceUpload} streams it before the aggregator.
 */
public final class UploadEvidence implements Route {

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        HttpMethod.PUT,
        "/v1/evidence/{documentId}",
        "evidence:pin",
        "Upload a document (streamed, resumable at offset) for a case; its SHA-256 is verified",
        List.of(),
        "EvidenceUpload",
        List.of(200, 202, 400, 401, 403, 409, 410, 413, 422));
  }

  @Override
  public Reply handle(RouteRequest request) {
    throw new ApiException("INTERNAL", "an upload is streamed before the router");
  }
}
