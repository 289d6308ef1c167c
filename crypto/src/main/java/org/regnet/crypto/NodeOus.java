package org.regnet.crypto;

/**
 * The MSP {@code config.yaml} that turns on Fabric's NodeOU classification. No {@code Certificate}
 * is named per OU: Fabric would then accept only identities whose whole chain equals that
 * certificate's, and users are certified through issuing CAs while peers and admins are certified
 * by the root. The MSP trusts only its own root, so any chain to it may carry an OU.
 */
final class NodeOus {
  private NodeOus() {}

  static String configYaml() {
    StringBuilder y = new StringBuilder("NodeOUs:\n  Enable: true\n");
    for (String[] ou :
        new String[][] {
          {"ClientOUIdentifier", "client"}, {"PeerOUIdentifier", "peer"},
          {"AdminOUIdentifier", "admin"}, {"OrdererOUIdentifier", "orderer"}
        }) {
      y.append("  ")
          .append(ou[0])
          .append(":\n")
          .append("    OrganizationalUnitIdentifier: ")
          .append(ou[1])
          .append('\n');
    }
    return y.toString();
  }
}
