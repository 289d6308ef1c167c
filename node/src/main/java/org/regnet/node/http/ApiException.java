package org.regnet.node.http;

/** A request refused with a stable code; {@link ErrorCatalogue} gives its HTTP status. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final String field;
  private final long retryAfterSeconds;

  public ApiException(String code, String field, String message) {
    this(code, field, message, 0);
  }

  /** A refusal the client may retry after {@code retryAfterSeconds} (sent as Retry-After). */
  public ApiException(String code, String field, String message, long retryAfterSeconds) {
    super(message);
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ApiException(String code, String message) {
    this(code, null, message);
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  /** Seconds to wait before retrying, or 0 when a retry will not help. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
