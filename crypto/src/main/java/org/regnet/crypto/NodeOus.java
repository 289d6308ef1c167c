package org.regnet.crypto;

/** The MSP {@code config.yaml} that turns on Fabric's NodeOU classification. */
final class NodeOus {
  private NodeOus() {}

  static String configYaml(String caCertFileName) {
    StringBuilder y = new StringBuilder("NodeOUs:\n  Enable: true\n");
    for (String[] ou :
        new String[][] {
          {"ClientOUIdentifier", "client"}, {"PeerOUIdentifier", "peer"},
          {"AdminOUIdentifier", "admin"}, {"OrdererOUIdentifier", "orderer"}
        }) {
      y.append("  ")
          .append(ou[0])
          .append(":\n")
          .append("    Certificate: cacerts/")
          .append(caCertFileName)
          .append('\n')
          .append("    OrganizationalUnitIdentifier: ")
          .append(ou[1])
          .append('\n');
    }
    return y.toString();
  }
}
