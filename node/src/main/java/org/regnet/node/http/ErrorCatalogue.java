package org.regnet.node.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** Every error code the API answers with, and its HTTP status: the one place they are mapped. */
public final class ErrorCatalogue {
  private static final Map<String, HttpResponseStatus> STATUS =
      Map.ofEntries(
          Map.entry("BAD_REQUEST", HttpResponseStatus.BAD_REQUEST),
          Map.entry("VALIDATION_FAILED", HttpResponseStatus.BAD_REQUEST),
          Map.entry("AMBIGUOUS_PATH", HttpResponseStatus.BAD_REQUEST),
          Map.entry("UNAUTHENTICATED", HttpResponseStatus.UNAUTHORIZED),
          Map.entry("LOGIN_FAILED", HttpResponseStatus.UNAUTHORIZED),
          Map.entry("LOCKED", HttpResponseStatus.TOO_MANY_REQUESTS),
          Map.entry("FORBIDDEN", HttpResponseStatus.FORBIDDEN),
          Map.entry("ACCESS_DENIED", HttpResponseStatus.FORBIDDEN),
          Map.entry("NOT_FOUND", HttpResponseStatus.NOT_FOUND),
          Map.entry("METHOD_NOT_ALLOWED", HttpResponseStatus.METHOD_NOT_ALLOWED),
          Map.entry("CONFLICT", HttpResponseStatus.CONFLICT),
          Map.entry("INVALID_STATE", HttpResponseStatus.CONFLICT),
          Map.entry("OUT_OF_SCOPE", HttpResponseStatus.UNPROCESSABLE_ENTITY),
          Map.entry("CONSENT_REQUIRED", HttpResponseStatus.FORBIDDEN),
          Map.entry("PAYLOAD_TOO_LARGE", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
          Map.entry("UNSUPPORTED_MEDIA_TYPE", HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE),
          Map.entry("UNAVAILABLE", HttpResponseStatus.SERVICE_UNAVAILABLE),
          Map.entry("BUSY", HttpResponseStatus.SERVICE_UNAVAILABLE),
          Map.entry("IN_PROGRESS", HttpResponseStatus.CONFLICT),
          Map.entry("IDEMPOTENCY_KEY_REUSED", HttpResponseStatus.UNPROCESSABLE_ENTITY),
          // evidence node to node (docs/decisions/0019)
          Map.entry("HASH_MISMATCH", HttpResponseStatus.UNPROCESSABLE_ENTITY),
          Map.entry("TRANSFER_FAILED", HttpResponseStatus.BAD_GATEWAY),
          // a document deleted when its case's retention ended (decision 0030)
          Map.entry("DELETED", HttpResponseStatus.GONE),
          Map.entry("INTERNAL", HttpResponseStatus.INTERNAL_SERVER_ERROR));

  private ErrorCatalogue() {}

  public static HttpResponseStatus status(String code) {
    return STATUS.getOrDefault(code, HttpResponseStatus.INTERNAL_SERVER_ERROR);
  }

  public static java.util.Set<String> codes() {
    return STATUS.keySet();
  }
}
