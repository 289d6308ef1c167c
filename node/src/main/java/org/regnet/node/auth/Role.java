package org.regnet.node.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of an authority's staff, each mapped to the permissions checked before any ledger call.
 * The chaincode checks again on chain; this is the first gate, not the only one.
 */
public enum Role {
  TREATY_ADMIN(
      "treaty-admin",
      Set.of(
          "treaty:read",
          "treaty:write",
          "agreement:read",
          "agreement:write",
          "referral:read",
          "audit:read",
          "inbox:read",
          "users:admin")),
  CASE_OFFICER(
      "case-officer",
      Set.of(
          "treaty:read",
          "agreement:read",
          "referral:read",
          "referral:write",
          "referral:payload",
          "flag:write",
          "flag:lookup",
          "inbox:read",
          "casework:write")),
  INVESTIGATOR(
      "investigator",
      Set.of(
          "treaty:read",
          "agreement:read",
          "referral:read",
          "referral:investigate",
          "referral:payload",
          "flag:write",
          "flag:lookup",
          "audit:read",
          "inbox:read",
          "casework:write")),
  AUDITOR(
      "auditor",
      Set.of(
          "treaty:read",
          "agreement:read",
          "referral:read",
          "flag:lookup",
          "audit:read",
          "inbox:read"));

  private final String id;
  private final Set<String> permissions;

  Role(String id, Set<String> permissions) {
    this.id = id;
    this.permissions = permissions;
  }

  public String id() {
    return id;
  }

  public Set<String> permissions() {
    return permissions;
  }

  public static Optional<Role> of(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
