package org.regnet.network.config;

/**
 * A peer. It also listens on {@code port + 1} for chaincode it launches itself; ours runs as a
 * service, but the peer opens that listener anyway, so the port is reserved.
 */
public record PeerDefinition(String name, String host, int port, int operationsPort) {

  public PeerDefinition {
    Names.requireNodeName(name, "organizations.peer.name");
    Names.requireHost(host, "organizations.peer.host");
  }

  PeerDefinition shifted(int offset) {
    return new PeerDefinition(name, host, port + offset, operationsPort + offset);
  }

  public Endpoint endpoint() {
    return new Endpoint(host, port);
  }

  public Endpoint chaincodeListener() {
    return new Endpoint(host, port + 1);
  }

  public Endpoint operations() {
    return new Endpoint(host, operationsPort);
  }
}
