package org.regnet.crypto;

import java.util.List;
import java.util.Objects;

/** What to generate for one organisation: its CAs and the identities it needs. */
public record OrgSpec(
    String domain,
    String mspId,
    String country,
    List<NodeSpec> nodes,
    List<UserSpec> users,
    List<TlsServerSpec> tlsServers) {

  public OrgSpec {
    Checks.domain(domain);
    Checks.mspId(mspId);
    Checks.country(country);
    nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
    users = List.copyOf(Objects.requireNonNull(users, "users"));
    tlsServers = List.copyOf(Objects.requireNonNull(tlsServers, "tlsServers"));
  }
}
