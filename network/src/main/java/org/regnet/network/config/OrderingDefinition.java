package org.regnet.network.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The ordering organisation and its Raft orderers. */
public record OrderingDefinition(
    String name, String mspId, String domain, String country, List<OrdererDefinition> orderers) {

  public OrderingDefinition {
    Names.require(name, "ordering.name");
    Names.requireMspId(mspId, "ordering.mspId");
    Names.requireDomain(domain, "ordering.domain");
    Names.requireCountry(country, "ordering.country");
    orderers = List.copyOf(Objects.requireNonNull(orderers, "ordering.orderers"));
    if (orderers.isEmpty()) {
      throw new InvalidDefinitionException("ordering.orderers: at least one is required");
    }
    if (orderers.stream().map(OrdererDefinition::name).distinct().count() != orderers.size()) {
      throw new InvalidDefinitionException("ordering.orderers: names must be distinct");
    }
  }

  OrderingDefinition shifted(int offset) {
    return new OrderingDefinition(
        name, mspId, domain, country, orderers.stream().map(o -> o.shifted(offset)).toList());
  }

  List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    orderers.forEach(o -> all.addAll(o.endpoints()));
    return all;
  }

  /** The TLS host name of an orderer, e.g. {@code orderer0.ordering.regnet.test}. */
  public String hostName(OrdererDefinition orderer) {
    return orderer.name() + "." + domain;
  }
}
