package org.regnet.network.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole network as declared in {@code network-config/network.yaml}: channel, chaincode, how the
 * members' orderers agree, and the member authorities (each with its own peer and orderer), with
 * every host and port. Immutable and validated on construction, so everything downstream can trust
 * it.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NetworkDefinition(
    String name,
    String channel,
    int portOffset,
    ChaincodeDefinition chaincode,
    OrderingDefinition ordering,
    List<OrganizationDefinition> organizations) {

  private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

  public NetworkDefinition {
    Names.require(name, "name");
    Objects.requireNonNull(channel, "channel");
    if (!CHANNEL.matcher(channel).matches()) {
      throw new InvalidDefinitionException("channel: not a valid Fabric channel name: " + channel);
    }
    // the highest base port (a fourth member's chaincode server, 10055) still fits below 65536
    if (portOffset < 0 || portOffset > 50000) {
      throw new InvalidDefinitionException("portOffset: must be within 0..50000: " + portOffset);
    }
    Objects.requireNonNull(chaincode, "chaincode");
    ordering = ordering == null ? OrderingDefinition.DEFAULT : ordering;
    organizations = List.copyOf(Objects.requireNonNull(organizations, "organizations"));
    if (organizations.isEmpty()) {
      throw new InvalidDefinitionException("organizations: at least one is required");
    }
    Set<String> msps = new HashSet<>();
    Set<String> domains = new HashSet<>();
    for (OrganizationDefinition org : organizations) {
      if (!msps.add(org.mspId())) {
        throw new InvalidDefinitionException("organizations: duplicate mspId " + org.mspId());
      }
      if (!domains.add(org.domain())) {
        throw new InvalidDefinitionException("organizations: duplicate domain " + org.domain());
      }
    }
    long consenters = organizations.stream().filter(o -> o.orderer() != null).count();
    if (consenters < ordering.minimumConsenters()) {
      throw new InvalidDefinitionException(
          "organizations: "
              + ordering.type()
              + " ordering needs at least "
              + ordering.minimumConsenters()
              + " members with an orderer, has "
              + consenters);
    }
    checkPortsDistinct(organizations);
  }

  /** A copy with every port moved by {@code offset} (on top of any offset already applied). */
  public NetworkDefinition withPortOffset(int offset) {
    return new NetworkDefinition(
        name,
        channel,
        portOffset + offset,
        chaincode,
        ordering,
        organizations.stream().map(o -> o.shifted(offset)).toList());
  }

  /** The organisation with this MSP id. */
  public OrganizationDefinition organization(String mspId) {
    return organizations.stream()
        .filter(o -> o.mspId().equals(mspId))
        .findFirst()
        .orElseThrow(() -> new InvalidDefinitionException("no organisation with mspId " + mspId));
  }

  /** The members that run an orderer, in definition order: the channel's consenters. */
  public List<OrganizationDefinition> ordererOrganizations() {
    return organizations.stream().filter(o -> o.orderer() != null).toList();
  }

  private static void checkPortsDistinct(List<OrganizationDefinition> organizations) {
    Set<Endpoint> seen = new HashSet<>();
    for (OrganizationDefinition org : organizations) {
      for (Endpoint e : org.endpoints()) {
        if (!seen.add(e)) {
          throw new InvalidDefinitionException("port used twice: " + e);
        }
      }
    }
  }
}
