package org.regnet.network.config;

/** A host and port that one process listens on. */
public record Endpoint(String host, int port) {

  public Endpoint {
    Names.requireHost(host, "host");
    if (port < 1 || port > 65535) {
      throw new InvalidDefinitionException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
