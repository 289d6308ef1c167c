package org.regnet.network.config;

import java.util.regex.Pattern;

/** The chaincode definition approved by every organisation. */
public record ChaincodeDefinition(
    String name, String version, int sequence, String endorsementPolicy) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

  public ChaincodeDefinition {
    Names.require(name, "chaincode.name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidDefinitionException("chaincode.name: not a valid chaincode name: " + name);
    }
    Names.require(version, "chaincode.version");
    if (!VERSION.matcher(version).matches()) {
      throw new InvalidDefinitionException("chaincode.version: not a valid version: " + version);
    }
    if (sequence < 1) {
      throw new InvalidDefinitionException("chaincode.sequence: must be at least 1");
    }
    if (endorsementPolicy != null) {
      Names.require(endorsementPolicy, "chaincode.endorsementPolicy");
    }
  }

  /** The package label: the same on every peer, while each organisation's package differs. */
  public String label() {
    return name + "_" + version.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
