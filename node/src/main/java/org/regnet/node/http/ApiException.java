package org.regnet.node.http;

/** A request refused with a stable code; {@link ErrorCatalogue} gives its HTTP status. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final String field;

  public ApiException(String code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
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
}
