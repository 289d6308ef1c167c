package org.regnet.network;

import java.util.List;

/** The roles an authority's staff hold; each gets a Fabric client identity at network start. */
public final class Identities {
  /** Roles carried in client certificates as the Fabric attribute {@code role}. */
  public static final List<String> ROLES =
      List.of("treaty-admin", "case-officer", "investigator", "auditor");

  private Identities() {}
}
