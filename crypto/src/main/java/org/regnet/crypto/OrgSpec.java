package org.regnet.crypto;

import java.util.List;
import java.util.Objects;

/**
 * What to generate for one organisation: its CAs and the identities it needs. {@code issuingCas}
 * names the issuing (intermediate) CAs its root certifies, one per authority node ("node").
 */
public record OrgSpec(
    String domain,
    String mspId,
    String country,
    List<NodeSpec> nodes,
    List<UserSpec> users,
    List<TlsServerSpec> tlsServers,
    List<String> issuingCas) {

  /** An organisation with no issuing CA (one that runs no authority node). */
  public OrgSpec(
      String domain,
      String mspId,
      String country,
      List<NodeSpec> nodes,
      List<UserSpec> users,
      List<TlsServerSpec> tlsServers) {
    this(domain, mspId, country, nodes, users, tlsServers, List.of());
  }

  public OrgSpec {
    Checks.domain(domain);
    Checks.mspId(mspId);
    Checks.country(country);
    nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
    users = List.copyOf(Objects.requireNonNull(users, "users"));
    tlsServers = List.copyOf(Objects.requireNonNull(tlsServers, "tlsServers"));
    issuingCas = List.copyOf(Objects.requireNonNull(issuingCas, "issuingCas"));
    issuingCas.forEach(n -> Checks.name(n, "issuing CA name"));
  }
}
