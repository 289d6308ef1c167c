package org.regnet.node.config;

/** The configuration is unusable; names the field. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String field, String problem) {
    super("configuration: " + field + ": " + problem);
  }
}
