package org.regnet.network.config;

/** Where a single-port service (chaincode server, authority node) listens. */
public record ServiceEndpoint(String host, int port) {

  public ServiceEndpoint {
    Names.requireHost(host, "host");
  }

  ServiceEndpoint shifted(int offset) {
    return new ServiceEndpoint(host, port + offset);
  }

  public Endpoint endpoint() {
    return new Endpoint(host, port);
  }
}
