package org.regnet.chaincode;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;
import org.regnet.chaincode.contract.MetaContract;

/**
 * Runs the regnet contracts as a chaincode-as-a-service gRPC server that the peer connects to.
 *
 * <p>Configuration comes from our own environment variables (see docs/chaincode-api.md, "Running
 * the chaincode server") and is mapped onto the shim: the chaincode id is passed to {@link
 * ContractRouter} as its {@code --id} argument, TLS through {@link ChaincodeServerProperties}
 * (whose Netty server requires a PKCS#8 PEM key and, when a trust collection is set, requires and
 * verifies client certificates).
 */
public final class ChaincodeServerMain {

  static final String ENV_ADDRESS = "CHAINCODE_SERVER_ADDRESS";
  static final String ENV_ID = "CHAINCODE_ID";
  static final String ENV_TLS_CERT = "CHAINCODE_TLS_CERT_FILE";
  static final String ENV_TLS_KEY = "CHAINCODE_TLS_KEY_FILE";
  static final String ENV_TLS_CLIENT_CA = "CHAINCODE_TLS_CLIENT_CA_FILE";

  private static final Logger LOG = Logger.getLogger(ChaincodeServerMain.class.getName());

  private ChaincodeServerMain() {}

  public static void main(final String[] args) throws Exception {
    final ServerConfig config = ServerConfig.from(System.getenv());
    final Level level = ChaincodeLogging.level(System.getenv());
    ChaincodeLogging.configure(level);
    LOG.info(() -> "regnet chaincode " + MetaContract.VERSION + " starting: " + config.describe());
    if (System.getenv("CORE_PEER_LOCALMSPID") == null) {
      // stub.getMspId() reads this variable; private reads refuse to run without it
      LOG.warning("CORE_PEER_LOCALMSPID is not set: referral:fetchPayload will fail");
    } else {
      LOG.info(
          () ->
              "peer organisation (CORE_PEER_LOCALMSPID): " + System.getenv("CORE_PEER_LOCALMSPID"));
    }
    final ContractRouter router = new ContractRouter(new String[] {"--id", config.chaincodeId()});
    // the router's constructor resets the shim's levels from CORE_CHAINCODE_LOGGING_*: ours rule
    ChaincodeLogging.configure(level);
    final ChaincodeServer server = new NettyChaincodeServer(router, config.toShimProperties());
    router.startRouterWithChaincodeServer(server);
  }

  /** Validated, frozen server configuration. */
  record ServerConfig(
      InetSocketAddress address, String chaincodeId, Path tlsCert, Path tlsKey, Path clientCa) {

    static ServerConfig from(final Map<String, String> env) {
      final String address = required(env, ENV_ADDRESS);
      final String id = required(env, ENV_ID);
      final int colon = address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        throw new IllegalArgumentException(ENV_ADDRESS + " must be host:port, got: " + address);
      }
      final int port;
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ENV_ADDRESS + " has a bad port: " + address, e);
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(ENV_ADDRESS + " port out of range: " + address);
      }
      String host = address.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      final Path cert = optionalFile(env, ENV_TLS_CERT);
      final Path key = optionalFile(env, ENV_TLS_KEY);
      final Path ca = optionalFile(env, ENV_TLS_CLIENT_CA);
      if ((cert == null) != (key == null)) {
        throw new IllegalArgumentException(
            ENV_TLS_CERT + " and " + ENV_TLS_KEY + " must be set together");
      }
      if (ca != null && cert == null) {
        throw new IllegalArgumentException(
            ENV_TLS_CLIENT_CA + " needs " + ENV_TLS_CERT + " and " + ENV_TLS_KEY);
      }
      return new ServerConfig(new InetSocketAddress(host, port), id, cert, key, ca);
    }

    boolean tls() {
      return tlsCert != null;
    }

    ChaincodeServerProperties toShimProperties() {
      final ChaincodeServerProperties p = new ChaincodeServerProperties();
      p.setServerAddress(address);
      if (tls()) {
        p.setTlsEnabled(true);
        p.setKeyCertChainFile(tlsCert.toString());
        p.setKeyFile(tlsKey.toString());
        if (clientCa != null) {
          // the shim's Netty server then sets ClientAuth.REQUIRE with this trust collection
          p.setTrustCertCollectionFile(clientCa.toString());
        }
      }
      p.validate();
      return p;
    }

    /** Describes the configuration for the log: paths only, never key material. */
    String describe() {
      return "address="
          + address.getHostString()
          + ":"
          + address.getPort()
          + " chaincodeId="
          + chaincodeId
          + " tls="
          + tls()
          + (tls() ? " cert=" + tlsCert + " key=" + tlsKey : "")
          + " mutualTls="
          + (clientCa != null)
          + (clientCa != null ? " clientCa=" + clientCa : "");
    }

    private static String required(final Map<String, String> env, final String name) {
      final String v = env.get(name);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(name + " must be set");
      }
      return v.trim();
    }

    private static Path optionalFile(final Map<String, String> env, final String name) {
      final String v = env.get(name);
      if (v == null || v.isBlank()) {
        return null;
      }
      final Path p = Path.of(v.trim());
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException(name + " is not a readable file: " + p);
      }
      return p;
    }
  }
}
