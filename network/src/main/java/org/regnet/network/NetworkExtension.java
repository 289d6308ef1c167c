package org.regnet.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A service started once the ledger is live, such as the authority nodes. */
public interface NetworkExtension {
  String name();

  /**
   * Starts the service for every organisation that wants it, through the network's supervisor.
   *
   * @param urls filled with each organisation's service URL by MSP id
   * @param users filled with demo users by MSP id
   * @param caCerts filled with the CA certificate that signs each service's TLS certificate
   */
  void start(
      FabricNetwork network,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts);
}
