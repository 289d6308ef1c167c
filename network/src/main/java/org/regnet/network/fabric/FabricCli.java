package org.regnet.network.fabric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.regnet.network.NetworkException;
import org.regnet.network.NetworkLayout;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrdererDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.CommandRunner;

/**
 * Fabric's own command-line tools (peer, osnadmin, configtxgen) run as an organisation's admin,
 * with the environment each expects. One place knows the flags; the orchestration reads as steps.
 */
public final class FabricCli {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final NetworkDefinition def;
  private final NetworkLayout layout;
  private final CommandRunner runner;

  public FabricCli(NetworkDefinition def, NetworkLayout layout, CommandRunner runner) {
    this.def = def;
    this.layout = layout;
    this.runner = runner;
  }

  public void configtxgen(Path configDir, String profile, Path outputBlock) {
    runner.run(
        "configtxgen",
        List.of(
            bin("configtxgen"),
            "-configPath",
            configDir.toString(),
            "-profile",
            profile,
            "-channelID",
            def.channel(),
            "-outputBlock",
            outputBlock.toString()),
        Map.of("FABRIC_CFG_PATH", configDir.toString()),
        TIMEOUT);
  }

  /** The organisation definition (MSP, policies, anchor peers) as channel-config JSON. */
  public String printOrg(Path configDir, String mspId) {
    return runner.stdout(
        "configtxgen -printOrg " + mspId,
        List.of(bin("configtxgen"), "-configPath", configDir.toString(), "-printOrg", mspId),
        Map.of("FABRIC_CFG_PATH", configDir.toString()),
        TIMEOUT);
  }

  /** Runs {@code configtxlator} (proto_encode, proto_decode, compute_update). */
  public void configtxlator(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(bin("configtxlator"));
    cmd.addAll(List.of(args));
    runner.run("configtxlator " + args[0], cmd, Map.of(), TIMEOUT);
  }

  /**
   * Joins {@code org}'s orderer to the channel through its channel-participation admin endpoint, as
   * that organisation's admin: the endpoint trusts only its own organisation's TLS clients.
   */
  public void osnadminJoin(OrganizationDefinition org, Path block) {
    OrdererDefinition o = org.orderer();
    Path admin = adminTls(org.domain());
    String out =
        runner.run(
            "osnadmin channel join on " + org.ordererHostName(),
            List.of(
                bin("osnadmin"),
                "channel",
                "join",
                "--channelID",
                def.channel(),
                "--config-block",
                block.toString(),
                "-o",
                o.admin().toString(),
                "--ca-file",
                admin.resolve("ca.crt").toString(),
                "--client-cert",
                admin.resolve("client.crt").toString(),
                "--client-key",
                admin.resolve("client.key").toString()),
            Map.of(),
            TIMEOUT);
    // osnadmin exits 0 whatever the HTTP status: a refused join must not pass for a joined one.
    if (!out.contains("Status: 201")) {
      throw new NetworkException(
          "osnadmin channel join on " + org.ordererHostName() + " refused:\n" + out.strip());
    }
  }

  /**
   * What {@code org}'s orderer says of its membership of the channel (status, relation, height).
   */
  public String osnadminInfo(OrganizationDefinition org) {
    Path admin = adminTls(org.domain());
    return runner.run(
        "osnadmin channel list on " + org.ordererHostName(),
        List.of(
            bin("osnadmin"),
            "channel",
            "list",
            "--channelID",
            def.channel(),
            "-o",
            org.orderer().admin().toString(),
            "--ca-file",
            admin.resolve("ca.crt").toString(),
            "--client-cert",
            admin.resolve("client.crt").toString(),
            "--client-key",
            admin.resolve("client.key").toString()),
        Map.of(),
        TIMEOUT);
  }

  public String peer(OrganizationDefinition org, String what, String... args) {
    return peerAs(org, adminMsp(org.domain()), what, args);
  }

  /** Runs the peer CLI against {@code org}'s peer as the identity in {@code mspDir}. */
  public String peerAs(OrganizationDefinition org, Path mspDir, String what, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(bin("peer"));
    cmd.addAll(List.of(args));
    Map<String, String> env = peerEnv(org);
    env.put("CORE_PEER_MSPCONFIGPATH", mspDir.toString());
    return runner.run(what + " (" + org.mspId() + ")", cmd, env, TIMEOUT);
  }

  /**
   * Flags that make a peer CLI command talk over TLS to the first member's orderer (any consenter
   * forwards to the others).
   */
  public List<String> ordererFlags() {
    OrganizationDefinition org = ordererOrganization();
    return List.of(
        "-o",
        org.orderer().endpoint().toString(),
        "--ordererTLSHostnameOverride",
        org.ordererHostName(),
        "--tls",
        "--cafile",
        peerTlsCa(org).toString());
  }

  /** The member whose orderer the CLI talks to: the first one that runs an orderer. */
  public OrganizationDefinition ordererOrganization() {
    return def.ordererOrganizations().stream()
        .findFirst()
        .orElseThrow(() -> new NetworkException("no member runs an orderer"));
  }

  public Path peerTlsCa(OrganizationDefinition org) {
    return layout
        .orgCrypto(org.domain())
        .resolve("msp/tlscacerts")
        .resolve("tlsca." + org.domain() + "-cert.pem");
  }

  public Path adminMsp(String domain) {
    return layout.orgCrypto(domain).resolve("users").resolve("Admin@" + domain).resolve("msp");
  }

  private Path adminTls(String domain) {
    return layout.orgCrypto(domain).resolve("users").resolve("Admin@" + domain).resolve("tls");
  }

  private Map<String, String> peerEnv(OrganizationDefinition org) {
    Map<String, String> env = new HashMap<>();
    env.put("FABRIC_CFG_PATH", layout.fabricSampleConfig().toString());
    env.put("CORE_PEER_LOCALMSPID", org.mspId());
    env.put("CORE_PEER_MSPCONFIGPATH", adminMsp(org.domain()).toString());
    env.put("CORE_PEER_ADDRESS", org.peer().endpoint().toString());
    env.put("CORE_PEER_TLS_ENABLED", "true");
    env.put("CORE_PEER_TLS_ROOTCERT_FILE", peerTlsCa(org).toString());
    return env;
  }

  private String bin(String name) {
    Path p = layout.fabricBin(name);
    if (!p.toFile().canExecute()) {
      throw new NetworkException(name + " not found at " + p + ": run scripts/install-fabric.sh");
    }
    return p.toString();
  }
}
