package org.regnet.network.config;

/** The network definition is not usable; the message names the offending field. */
public final class InvalidDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidDefinitionException(String message) {
    super(message);
  }
}
