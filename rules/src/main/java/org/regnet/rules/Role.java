package org.regnet.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of an authority's staff. The wire name is both the {@code role} attribute of a Fabric
 * client certificate and the role of a node user.
 */
public enum Role {
  TREATY_ADMIN("treaty-admin"),
  CASE_OFFICER("case-officer"),
  INVESTIGATOR("investigator"),
  AUDITOR("auditor");

  private final String wire;

  Role(final String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Role> fromWire(final String value) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst();
  }
}
