package org.regnet.network;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;

/**
 * Starts one authority node per organisation (those with a {@code node} in the definition): writes
 * its configuration, creates one demo user per role (credentials listed in network.json; local
 * networks only), and starts it with a fresh key-encryption secret passed in the environment.
 */
public final class NodesExtension implements NetworkExtension {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The nodes {@link #launch} started, by MSP id, so {@link #start} only waits for them. */
  private final Map<String, ProcessRecord> launched = new LinkedHashMap<>();

  @Override
  public String name() {
    return "authority nodes";
  }

  @Override
  public void launch(FabricNetwork network) {
    for (OrganizationDefinition org : withNode(network.definition())) {
      launched.put(org.mspId(), launchNode(network, org));
    }
  }

  @Override
  public void start(
      FabricNetwork network,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    for (OrganizationDefinition org : withNode(network.definition())) {
      ProcessRecord node = launched.computeIfAbsent(org.mspId(), m -> launchNode(network, org));
      awaitReady(network, org, node, urls, users, caCerts);
    }
  }

  /**
   * Writes the node's configuration and starts it, seeding its demo users on first start, waits
   * until it listens, and records its URL, TLS CA and demo users (used when a member is admitted).
   */
  public static ProcessRecord prepareAndStart(
      FabricNetwork network,
      OrganizationDefinition org,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    ProcessRecord node = launchNode(network, org);
    awaitReady(network, org, node, urls, users, caCerts);
    return node;
  }

  private static List<OrganizationDefinition> withNode(NetworkDefinition def) {
    return def.organizations().stream().filter(o -> o.node() != null).toList();
  }

  private static ProcessRecord launchNode(FabricNetwork network, OrganizationDefinition org) {
    Path home = network.layout().nodeHome(org);
    writeConfig(network.definition(), network.layout(), org, home);
    return startNode(network, org, List.of("--seed-demo-users", credentials(home).toString()));
  }

  private static Path credentials(Path home) {
    return home.resolve("demo-users.json");
  }

  /** Waits until the node listens (it writes its demo users before), then records it. */
  private static void awaitReady(
      FabricNetwork network,
      OrganizationDefinition org,
      ProcessRecord node,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    Ports.awaitListening(
        org.node().endpoint(),
        node,
        network.supervisor().logFile(node.name()),
        Duration.ofSeconds(90));
    users.put(org.mspId(), read(credentials(network.layout().nodeHome(org))));
    urls.put(org.mspId(), "https://" + org.node().host() + ":" + org.node().port());
    caCerts.put(org.mspId(), tlsDir(network.layout(), org).resolve("ca.crt"));
  }

  /**
   * Starts (or restarts, after a crash) the node of {@code org} from its written configuration and
   * secret; its database keeps users, tokens, inbox and checkpoint across restarts.
   */
  public static ProcessRecord startNode(FabricNetwork network, OrganizationDefinition org) {
    return startNode(network, org, List.of());
  }

  private static ProcessRecord startNode(
      FabricNetwork network, OrganizationDefinition org, List<String> extraArgs) {
    NetworkLayout layout = network.layout();
    Path home = layout.nodeHome(org);
    List<String> command = new ArrayList<>(JavaCommand.server(layout.nodeJar(), "384m"));
    command.addAll(List.of("--config", home.resolve("node.yaml").toString()));
    command.addAll(extraArgs);
    return network
        .supervisor()
        .start(
            org.nodeHostName(),
            command,
            Map.of("REGNET_NODE_SECRET", randomKey(home.resolve("secret"))),
            home);
  }

  private static Path tlsDir(NetworkLayout layout, OrganizationDefinition org) {
    return layout.orgCrypto(org.domain()).resolve("tls-servers").resolve(org.nodeHostName());
  }

  private static Path writeConfig(
      NetworkDefinition def, NetworkLayout layout, OrganizationDefinition org, Path home) {
    Path orgDir = layout.orgCrypto(org.domain());
    Path tls = tlsDir(layout, org);
    String yaml =
        """
        # Generated by regnet for the local network; see docs/operations.md for every key.
        name: %s
        mspId: %s
        listen: { host: %s, port: %d }
        tls: { cert: %s, key: %s }
        dataDir: %s
        peer: { address: %s, tlsRootCert: %s, hostOverride: %s }
        channel: %s
        chaincode: %s
        ca: { cert: %s, key: %s }
        tokenTtlMinutes: 30
        maxBodyBytes: 524288
        maxLoginFailures: 5
        lockoutSeconds: 300
        # Flag-lookup key shared by the members of every treaty on this local network; across
        # organisations, each treaty's key is agreed off-chain (docs/chaincode-design.md).
        treatyKeys: { default: %s }
        # The organisation's admin identity, so the node can sign channel configuration updates
        # carried by membership changes, and the orderer it submits them to.
        orgAdmin: { cert: %s, key: %s }
        orderer: { address: %s, tlsRootCert: %s, hostOverride: %s }
        """
            .formatted(
                org.domain(),
                org.mspId(),
                org.node().host(),
                org.node().port(),
                tls.resolve("server.crt"),
                tls.resolve("server.key"),
                home.resolve("data"),
                org.peer().endpoint(),
                orgDir.resolve("msp/tlscacerts/tlsca." + org.domain() + "-cert.pem"),
                org.peerHostName(),
                def.channel(),
                def.chaincode().name(),
                orgDir.resolve("ca/ca." + org.domain() + "-cert.pem"),
                orgDir.resolve("ca/priv_sk"),
                randomKey(layout.stateDir().resolve("nodes").resolve("treaty-lookup.key")),
                orgDir.resolve(
                    "users/Admin@"
                        + org.domain()
                        + "/msp/signcerts/Admin@"
                        + org.domain()
                        + "-cert.pem"),
                orgDir.resolve("users/Admin@" + org.domain() + "/msp/keystore/priv_sk"),
                def.ordering().orderers().get(0).endpoint(),
                layout
                    .orgCrypto(def.ordering().domain())
                    .resolve("msp/tlscacerts/tlsca." + def.ordering().domain() + "-cert.pem"),
                def.ordering().hostName(def.ordering().orderers().get(0)));
    try {
      Files.createDirectories(home);
      Path file = home.resolve("node.yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A random key kept in {@code file} (owner-only), created on first use: a node's key-encryption
   * secret beside its data, or the local network's shared flag-lookup key.
   */
  private static String randomKey(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] b = new byte[32];
      RANDOM.nextBytes(b);
      String s = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      Files.writeString(file, s);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, String>> read(Path credentials) {
    try {
      return JSON.readValue(
          credentials.toFile(), new TypeReference<List<Map<String, String>>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
