package org.regnet.network.config;

import java.util.List;

/**
 * A member authority's orderer: client port, cluster port, channel-participation admin port,
 * operations.
 */
public record OrdererDefinition(
    String name, String host, int port, int clusterPort, int adminPort, int operationsPort) {

  public OrdererDefinition {
    Names.requireNodeName(name, "organizations.orderer.name");
    Names.requireHost(host, "organizations.orderer.host");
  }

  OrdererDefinition shifted(int offset) {
    return new OrdererDefinition(
        name,
        host,
        port + offset,
        clusterPort + offset,
        adminPort + offset,
        operationsPort + offset);
  }

  public Endpoint endpoint() {
    return new Endpoint(host, port);
  }

  public Endpoint cluster() {
    return new Endpoint(host, clusterPort);
  }

  public Endpoint admin() {
    return new Endpoint(host, adminPort);
  }

  public Endpoint operations() {
    return new Endpoint(host, operationsPort);
  }

  public List<Endpoint> endpoints() {
    return List.of(endpoint(), cluster(), admin(), operations());
  }
}
