package org.regnet.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service that runs on top of the ledger, such as the authority nodes. Started in two steps so
 * that its slow part (JVM start-up) overlaps with the ledger's: {@link #launch} right after the
 * crypto material exists, {@link #start} once the chaincode answers.
 */
public interface NetworkExtension {
  String name();

  /**
   * Starts the service's processes without waiting for them: they must tolerate a ledger that is
   * not up yet (and retry). The default launches nothing.
   */
  default void launch(FabricNetwork network) {}

  /**
   * Completes the start for every organisation that wants the service: launches what {@link
   * #launch} did not, and waits until it serves.
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
