package org.regnet.node.evidence;

/** A refused evidence operation, with a stable code a route maps to an HTTP status. */
public final class EvidenceException extends RuntimeException {
  /** Stable codes; the names are the wire codes. */
  public enum Code {
    BAD_CASE,
    BAD_DOCUMENT,
    UNKNOWN_DOCUMENT,
    WRONG_OFFSET,
    TOO_LARGE,
    HASH_MISMATCH,
    NOT_A_PARTY,
    ALREADY_ACCEPTED,
    IN_USE,
    STORE_FAILED,
    TRANSFER_FAILED,
    /** The document was deleted when its case's retention ended; its description stays. */
    DELETED
  }

  private final Code code;

  public EvidenceException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public EvidenceException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
