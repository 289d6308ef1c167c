package org.regnet.crypto;

import java.util.List;
import java.util.Objects;

/** A TLS-only identity (chaincode server, authority node) for {@code name.domain} and hosts. */
public record TlsServerSpec(String name, List<String> extraHosts) {

  public TlsServerSpec {
    Checks.name(name, "TLS server name");
    extraHosts = List.copyOf(Objects.requireNonNull(extraHosts, "extraHosts"));
    extraHosts.forEach(Checks::host);
  }
}
