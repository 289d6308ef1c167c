package org.regnet.network.cli;

import java.util.List;
import org.regnet.network.NetworkExtension;
import org.regnet.network.NetworkLayout;

/** The services the CLI starts on top of the ledger. */
final class Extensions {
  private Extensions() {}

  static List<NetworkExtension> nodes(NetworkLayout layout) {
    return List.of(new org.regnet.network.NodesExtension());
  }
}
