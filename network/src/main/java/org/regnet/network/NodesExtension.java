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
import java.util.List;
import java.util.Map;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.SecureFiles;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.CommandRunner;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;

/**
 * Starts one authority node per organisation (those with a {@code node} in the definition): seals
 * its issuing CA's key and its organisation admin's key with a fresh node secret (the plain issuing
 * key is then deleted; the root CA key never reaches the node), writes its configuration, creates
 * one demo user per role (credentials listed in network.json; local networks only), and starts it
 * with the secret passed in the environment.
 */
public final class NodesExtension implements NetworkExtension {
  /** The name of each organisation's issuing CA for its node. */
  public static final String ISSUING_CA = "node";

  /** Users' and event readers' certificates live a day unless a test asks for less. */
  public static final Duration DEFAULT_CERTIFICATE_LIFETIME = Duration.ofHours(24);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration certificateLifetime;

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
  public void start(
      FabricNetwork network,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    NetworkDefinition def = network.definition();
    List<ProcessRecord> started = new ArrayList<>();
    List<OrganizationDefinition> orgs =
        def.organizations().stream().filter(o -> o.node() != null).toList();
    for (OrganizationDefinition org : orgs) {
      started.add(prepareAndStart(network, org, urls, users, caCerts, certificateLifetime));
    }
    for (int i = 0; i < started.size(); i++) {
      Ports.awaitListening(
          orgs.get(i).node().endpoint(),
          started.get(i),
          network.supervisor().logFile(started.get(i).name()),
          Duration.ofSeconds(60));
    }
  }

  /** Writes the node's configuration, seeds its demo users and starts it (not waiting). */
  public static ProcessRecord prepareAndStart(
      FabricNetwork network,
      OrganizationDefinition org,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts) {
    return prepareAndStart(network, org, urls, users, caCerts, DEFAULT_CERTIFICATE_LIFETIME);
  }

  private static ProcessRecord prepareAndStart(
      FabricNetwork network,
      OrganizationDefinition org,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> caCerts,
      Duration certificateLifetime) {
    NetworkLayout layout = network.layout();
    String java = ProcessHandle.current().info().command().orElse("java");
    Path home = SecureFiles.createPrivateDirectories(layout.nodeHome(org));
    Map<String, String> env = Map.of("REGNET_NODE_SECRET", randomKey(home.resolve("secret")));
    CommandRunner commands = new CommandRunner(layout.logs().resolve("commands.log"));
    OrgMaterial material = new OrgMaterial(layout.orgCrypto(org.domain()), org.domain());
    Path issuingKey = material.issuingCaDir(ISSUING_CA).resolve("priv_sk");
    if (Files.exists(issuingKey)) {
      commands.run(
          "seal node keys (" + org.mspId() + ")",
          List.of(
              java,
              "-jar",
              layout.nodeJar().toString(),
              "seal-keys",
              "--out-dir",
              home.toString(),
              "--issuing-ca",
              issuingKey.toString(),
              "--org-admin",
              material.userMspDir("Admin").resolve("keystore/priv_sk").toString()),
          env,
          Duration.ofMinutes(2));
      delete(issuingKey); // from now on only the node holds it, sealed
    }
    Path config =
        writeConfig(network.definition(), layout, org, home, material, certificateLifetime);
    Path credentials = home.resolve("demo-users.json");
    commands.run(
        "seed demo users (" + org.mspId() + ")",
        List.of(
            java,
            "-jar",
            layout.nodeJar().toString(),
            "admin",
            "--config",
            config.toString(),
            "seed-users",
            "--out",
            credentials.toString()),
        env,
        Duration.ofMinutes(2));
    users.put(org.mspId(), read(credentials));
    urls.put(org.mspId(), "https://" + org.node().host() + ":" + org.node().port());
    caCerts.put(org.mspId(), tlsDir(layout, org).resolve("ca.crt"));
    return startNode(network, org);
  }

  /**
   * Starts (or restarts, after a crash) the node of {@code org} from its written configuration and
   * secret; its database keeps users, tokens, inbox and checkpoint across restarts.
   */
  public static ProcessRecord startNode(FabricNetwork network, OrganizationDefinition org) {
    NetworkLayout layout = network.layout();
    Path home = layout.nodeHome(org);
    String java = ProcessHandle.current().info().command().orElse("java");
    return network
        .supervisor()
        .start(
            org.nodeHostName(),
            List.of(
                java,
                "-Xmx384m",
                "-jar",
                layout.nodeJar().toString(),
                "--config",
                home.resolve("node.yaml").toString()),
            Map.of("REGNET_NODE_SECRET", randomKey(home.resolve("secret"))),
            home);
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
                def.ordering().orderers().get(0).endpoint(),
                layout
                    .orgCrypto(def.ordering().domain())
                    .resolve("msp/tlscacerts/tlsca." + def.ordering().domain() + "-cert.pem"),
                def.ordering().hostName(def.ordering().orderers().get(0)));
    // It holds the treaty lookup key: owner-only.
    Path file = home.resolve("node.yaml");
    SecureFiles.writeSecret(file, yaml);
    return file;
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
