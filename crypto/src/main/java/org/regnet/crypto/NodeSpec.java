package org.regnet.crypto;

import java.util.List;
import java.util.Objects;

/** A peer or orderer: signing identity plus TLS certificate for {@code name.domain} and hosts. */
public record NodeSpec(String name, NodeType type, List<String> extraHosts) {

  public NodeSpec {
    Checks.name(name, "node name");
    Objects.requireNonNull(type, "type");
    extraHosts = List.copyOf(Objects.requireNonNull(extraHosts, "extraHosts"));
    extraHosts.forEach(Checks::host);
  }
}
