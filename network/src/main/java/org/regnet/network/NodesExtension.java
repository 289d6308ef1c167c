package org.regnet.network;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.SecureFiles;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;

/**
 * Starts one authority node per organisation (those with a {@code node} in the definition). On its
 * first start each node seals its issuing CA's key and its organisation admin's key with a fresh
 * node secret, then the plain issuing key is deleted (the root CA key never reaches the node); it
 * creates one demo user per role (credentials listed in network.json; local networks only) and
 * serves. Everything a node needs at start happens inside its own JVM, so that `up` starts one JVM
 * per node, early, while the ledger comes up ({@link #launch}).
 */
public final class NodesExtension implements NetworkExtension {
  /** The name of each organisation's issuing CA for its node. */
  public static final String ISSUING_CA = "node";

  /** Users' and event readers' certificates live a day unless a test asks for less. */
  public static final Duration DEFAULT_CERTIFICATE_LIFETIME = Duration.ofHours(24);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration certificateLifetime;

  /** The nodes {@link #launch} started, by MSP id, so {@link #start} only waits for them. */
  private final Map<String, ProcessRecord> launched = new LinkedHashMap<>();

  public NodesExtension() {
    this(DEFAULT_CERTIFICATE_LIFETIME);
  }

  /**
   * Nodes whose users' and readers' certificates live {@code certificateLifetime} (2 min..24 h).
   */
  public NodesExtension(Duration certificateLifetime) {
    this.certificateLifetime = certificateLifetime;
  }

  @Override
  public String name() {
    return "authority nodes";
  }

  @Override
  public void launch(FabricNetwork network) {
    for (OrganizationDefinition org : withNode(network.definition())) {
      launched.put(org.mspId(), launchNode(network, org, certificateLifetime));
    }
  }

  @Override
  public void start(
      FabricNetwork network,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    for (OrganizationDefinition org : withNode(network.definition())) {
      ProcessRecord node =
          launched.computeIfAbsent(org.mspId(), m -> launchNode(network, org, certificateLifetime));
      awaitReady(network, org, node, urls, users, caCerts);
    }
  }

  /**
   * Writes the node's configuration and starts it (sealing its keys and seeding its demo users on
   * first start), waits until it listens, and records its URL, TLS CA and demo users (used when a
   * member is admitted).
   */
  public static ProcessRecord prepareAndStart(
      FabricNetwork network,
      OrganizationDefinition org,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    ProcessRecord node = launchNode(network, org, DEFAULT_CERTIFICATE_LIFETIME);
    awaitReady(network, org, node, urls, users, caCerts);
    return node;
  }

  private static List<OrganizationDefinition> withNode(NetworkDefinition def) {
    return def.organizations().stream().filter(o -> o.node() != null).toList();
  }

  private static ProcessRecord launchNode(
      FabricNetwork network, OrganizationDefinition org, Duration certificateLifetime) {
    NetworkLayout layout = network.layout();
    Path home = SecureFiles.createPrivateDirectories(layout.nodeHome(org));
    OrgMaterial material = new OrgMaterial(layout.orgCrypto(org.domain()), org.domain());
    writeConfig(network.definition(), layout, org, home, material, certificateLifetime);
    List<String> args = new ArrayList<>();
    Path issuingKey = issuingKey(material);
    if (Files.exists(issuingKey)) {
      args.addAll(
          List.of(
              "--seal-issuing-ca",
              issuingKey.toString(),
              "--seal-org-admin",
              material.userMspDir("Admin").resolve("keystore/priv_sk").toString()));
    }
    args.addAll(List.of("--seed-demo-users", credentials(home).toString()));
    return startNode(network, org, args);
  }

  private static Path issuingKey(OrgMaterial material) {
    return material.issuingCaDir(ISSUING_CA).resolve("priv_sk");
  }

  private static Path credentials(Path home) {
    return home.resolve("demo-users.json");
  }

  /**
   * Waits until the node listens (it seals its keys and writes its demo users before), deletes the
   * plain issuing key that it has sealed, then records the node.
   */
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
    Path issuingKey =
        issuingKey(new OrgMaterial(network.layout().orgCrypto(org.domain()), org.domain()));
    if (Files.exists(issuingKey)) {
      delete(issuingKey); // from now on only the node holds it, sealed
    }
    users.put(org.mspId(), read(credentials(network.layout().nodeHome(org))));
    urls.put(org.mspId(), "https://" + org.node().host() + ":" + org.node().port());
    caCerts.put(org.mspId(), tlsDir(network.layout(), org).resolve("ca.crt"));
  }

  /**
   * Starts (or restarts, after a crash) the node of {@code org} from its written configuration and
   * secret; its database keeps users, tokens, inbox and checkpoint across restarts.
   */
  public static ProcessRecord startNode(FabricNetwork network, OrganizationDefinition org) {
    return startNode(network, org, List.of(), Map.of());
  }

  /**
   * As {@link #startNode(FabricNetwork, OrganizationDefinition)}, with extra environment variables
   * (a test runs a node on a shifted clock with them).
   */
  public static ProcessRecord startNode(
      FabricNetwork network, OrganizationDefinition org, Map<String, String> extraEnv) {
    return startNode(network, org, List.of(), extraEnv);
  }

  private static ProcessRecord startNode(
      FabricNetwork network, OrganizationDefinition org, List<String> extraArgs) {
    return startNode(network, org, extraArgs, Map.of());
  }

  private static ProcessRecord startNode(
      FabricNetwork network,
      OrganizationDefinition org,
      List<String> extraArgs,
      Map<String, String> extraEnv) {
    NetworkLayout layout = network.layout();
    Path home = layout.nodeHome(org);
    List<String> command = new ArrayList<>(JavaCommand.node(layout.nodeJar(), "384m"));
    command.addAll(List.of("--config", home.resolve("node.yaml").toString()));
    command.addAll(extraArgs);
    return network
        .supervisor()
        .start(org.nodeHostName(), command, env(randomKey(home.resolve("secret")), extraEnv), home);
  }

  private static Map<String, String> env(String secret, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(extra);
    env.put("REGNET_NODE_SECRET", secret);
    return env;
  }

  private static Path tlsDir(NetworkLayout layout, OrganizationDefinition org) {
    return layout.orgCrypto(org.domain()).resolve("tls-servers").resolve(org.nodeHostName());
  }

  private static Path writeConfig(
      NetworkDefinition def,
      NetworkLayout layout,
      OrganizationDefinition org,
      Path home,
      OrgMaterial material,
      Duration certificateLifetime) {
    Path orgDir = layout.orgCrypto(org.domain());
    Path tls = tlsDir(layout, org);
    // The node submits to its own authority's orderer; one admitted without an orderer uses the
    // first member's.
    OrganizationDefinition submitTo =
        org.orderer() != null ? org : def.ordererOrganizations().get(0);
    String yaml =
        """
        # Generated by regnet for the local network; see docs/operations.md for every key.
        name: %s
        mspId: %s
        listen: { host: %s, port: %d }
        # Metrics, on loopback only (docs/operations.md, "Admin listener").
        admin: { host: %s, port: %d }
        tls: { cert: %s, key: %s }
        dataDir: %s
        peer: { address: %s, tlsRootCert: %s, hostOverride: %s }
        channel: %s
        chaincode: %s
        # The node's issuing CA (pathLen 0, client certificates only); the root stays offline.
        issuingCa: { cert: %s, sealedKey: %s }
        certificateLifetimeMinutes: %d
        tokenTtlMinutes: 30
        maxBodyBytes: 524288
        maxLoginFailures: 5
        lockoutSeconds: 300
        # Flag-lookup key shared by the members of every treaty on this local network; across
        # organisations, each treaty's key is agreed off-chain (docs/chaincode-design.md).
        treatyKeys: { default: %s }
        # The organisation's admin identity, so the node can sign channel configuration updates
        # carried by membership changes, and the orderer it submits them to. Its key is sealed.
        orgAdmin: { cert: %s, sealedKey: %s }
        orderer: { address: %s, tlsRootCert: %s, hostOverride: %s }
        """
                .formatted(
                    org.domain(),
                    org.mspId(),
                    org.node().host(),
                    org.node().port(),
                    org.nodeAdmin().host(),
                    org.nodeAdmin().port(),
                    tls.resolve("server.crt"),
                    tls.resolve("server.key"),
                    home.resolve("data"),
                    org.peer().endpoint(),
                    orgDir.resolve("msp/tlscacerts/tlsca." + org.domain() + "-cert.pem"),
                    org.peerHostName(),
                    def.channel(),
                    def.chaincode().name(),
                    material.issuingCaDir(ISSUING_CA).resolve("ca.crt"),
                    home.resolve("issuing-ca.sealed"),
                    certificateLifetime.toMinutes(),
                    randomKey(layout.stateDir().resolve("nodes").resolve("treaty-lookup.key")),
                    orgDir.resolve(
                        "users/Admin@"
                            + org.domain()
                            + "/msp/signcerts/Admin@"
                            + org.domain()
                            + "-cert.pem"),
                    home.resolve("org-admin.sealed"),
                    submitTo.orderer().endpoint(),
                    layout
                        .orgCrypto(submitTo.domain())
                        .resolve("msp/tlscacerts/tlsca." + submitTo.domain() + "-cert.pem"),
                    submitTo.ordererHostName())
            + evidenceSection(def, layout, org);
    // It holds the treaty lookup key: owner-only.
    Path file = home.resolve("node.yaml");
    SecureFiles.writeSecret(file, yaml);
    return file;
  }

  /**
   * The evidence port (docs/decisions/0019) at the API port + {@link
   * OrganizationDefinition#NODE_EVIDENCE_PORT_DISTANCE}, and each other authority's root CA (the
   * one in its MSP definition on the channel) and evidence endpoint. Receipts are recorded by the
   * node's case officer. A member admitted later is known only to nodes (re)configured after it.
   */
  static String evidenceSection(
      NetworkDefinition def, NetworkLayout layout, OrganizationDefinition org) {
    StringBuilder y = new StringBuilder();
    y.append("# Documents between authorities' nodes, mutual TLS (docs/operations.md).\n")
        .append("evidence:\n")
        .append(
            "  listen: { host: %s, port: %d }\n"
                .formatted(org.nodeEvidence().host(), org.nodeEvidence().port()))
        .append("  receiptUser: case-officer\n")
        .append("  authorities:\n");
    for (OrganizationDefinition other : withNode(def)) {
      if (other.mspId().equals(org.mspId())) {
        continue;
      }
      OrgMaterial m = new OrgMaterial(layout.orgCrypto(other.domain()), other.domain());
      y.append(
          "    %s: { rootCert: %s, endpoint: \"https://%s\" }\n"
              .formatted(
                  other.mspId(),
                  m.mspDir().resolve("cacerts").resolve(m.caCert().getFileName()),
                  other.nodeEvidence()));
    }
    return y.toString();
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
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
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    String s = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    SecureFiles.writeSecret(file, s);
    return s;
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
