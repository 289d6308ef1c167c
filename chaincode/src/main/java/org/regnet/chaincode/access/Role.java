package org.regnet.chaincode.access;

import java.util.Arrays;
import java.util.Optional;

/** Roles carried in the client certificate's {@code role} attribute. */
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
