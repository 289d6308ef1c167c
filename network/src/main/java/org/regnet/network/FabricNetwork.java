package org.regnet.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.regnet.crypto.NodeSpec;
import org.regnet.crypto.NodeType;
import org.regnet.crypto.OrgSpec;
import org.regnet.crypto.OrganizationCrypto;
import org.regnet.crypto.SecureFiles;
import org.regnet.crypto.TlsServerSpec;
import org.regnet.crypto.UserSpec;
import org.regnet.crypto.UserType;
import org.regnet.network.config.Endpoint;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.config.OrdererDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.fabric.CcaasPackage;
import org.regnet.network.fabric.ConfigtxWriter;
import org.regnet.network.fabric.FabricCli;
import org.regnet.network.fabric.NodeConfigs;
import org.regnet.network.fabric.PairCollections;
import org.regnet.network.process.CommandRunner;
import org.regnet.network.process.ContainerRuntime;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.network.process.ProcessSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a whole network up from its definition, and down again: crypto material, channel genesis
 * block, each member's own orderer joined through channel participation, peers joined, the
 * chaincode packaged as a service, installed, approved by every organisation and committed, one
 * chaincode server per organisation. Either {@link #up()} completes, or it stops whatever it
 * started and removes the state it wrote.
 */
public final class FabricNetwork {
  private static final Logger LOG = LoggerFactory.getLogger(FabricNetwork.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A chaincode server's heap. Its live data is one transaction's reads and writes (payloads at
   * most 256 KiB); the shim's start-up scan of the class path is what fills a larger heap, and a
   * heap once touched stays resident: 128 MiB keeps a started server at about 190 MiB of RSS,
   * against 280 MiB with 256 MiB (docs/benchmarks.md, "Memory").
   */
  private static final String CHAINCODE_HEAP = "128m";

  /** Marks a directory as a network's state, so {@link #down()} never removes anything else. */
  private static final String STATE_MARKER = ".regnet-network";

  /** The definition of the running network, members added since `up` included. */
  public static final String DEFINITION = "definition.json";

  private final NetworkDefinition def;
  private final NetworkLayout layout;
  private final ProcessSupervisor supervisor;
  private final FabricCli cli;
  private final CommandRunner commands;
  private final List<NetworkExtension> extensions;
  private Path collectionsConfig;

  public FabricNetwork(NetworkDefinition def, NetworkLayout layout) {
    this(def, layout, List.of());
  }

  /**
   * @param extensions services started after the chaincode is live (e.g. authority nodes)
   */
  public FabricNetwork(
      NetworkDefinition def, NetworkLayout layout, List<NetworkExtension> extensions) {
    this.def = def;
    this.layout = layout;
    this.supervisor =
        new ProcessSupervisor(
            layout.processes(),
            layout.logs(),
            ContainerRuntime.load(layout.projectRoot(), layout.stateDir(), this::hostOfProcess)
                .orElse(null));
    this.commands = new CommandRunner(layout.logs().resolve("commands.log"));
    this.cli = new FabricCli(def, layout, commands);
    this.extensions = List.copyOf(extensions);
  }

  public NetworkDefinition definition() {
    return def;
  }

  public NetworkLayout layout() {
    return layout;
  }

  public FabricCli cli() {
    return cli;
  }

  public ProcessSupervisor supervisor() {
    return supervisor;
  }

  /** Starts the network; returns the path of its network.json. */
  public Path up() {
    preflight();
    long t0 = System.nanoTime();
    try {
      // Owner-only: it holds keys, secrets and the demo users' passwords.
      SecureFiles.createPrivateDirectories(layout.stateDir());
      Files.writeString(layout.stateDir().resolve(STATE_MARKER), def.name() + "\n");
      supervisor.containers().ifPresent(ContainerRuntime::writeMarker);
      step("crypto material", this::generateCrypto);
      step("channel genesis block", this::createGenesisBlock);
      // JVM start-up is the slow part of `up`: the chaincode servers and the extensions' processes
      // start first and warm up while the orderers and peers come up and the chaincode is deployed.
      Map<String, ChaincodeInstall> servers = new LinkedHashMap<>();
      step(
          "chaincode servers and extensions launched",
          () -> {
            def.organizations()
                .forEach(org -> servers.put(org.mspId(), launchChaincodeServer(org)));
            extensions.forEach(ext -> ext.launch(this));
          });
      step("orderers", this::startOrderers);
      step("peers", this::startPeers);
      Map<String, String> packageIds = new LinkedHashMap<>();
      step(
          "chaincode installed",
          () -> {
            for (OrganizationDefinition org : def.organizations()) {
              installPackage(org, servers.get(org.mspId()).packageFile());
              packageIds.put(org.mspId(), servers.get(org.mspId()).packageId());
            }
          });
      step("chaincode definition", () -> approveAndCommit(packageIds));
      step("chaincode servers listening", () -> awaitChaincodeServers(servers));
      step("chaincode answers on every peer", this::awaitChaincode);
      Map<String, String> urls = new HashMap<>();
      Map<String, List<Map<String, String>>> users = new HashMap<>();
      Map<String, Path> cas = new HashMap<>();
      for (NetworkExtension ext : extensions) {
        step(ext.name(), () -> ext.start(this, urls, users, cas));
      }
      Path descriptor = NetworkDescriptor.write(def, layout, cli, packageIds, urls, users, cas);
      NetworkDefinitions.save(def, layout.stateDir().resolve(DEFINITION));
      LOG.info("network up in {} s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      return descriptor;
    } catch (IOException e) {
      down();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (supervisor.refusing()) {
        // Interrupted: abort() stops everything and removes the state; nothing else to do here.
        throw new NetworkException("start interrupted; stopped what it had started", e);
      }
      LOG.error("start failed, stopping what was started: {}", e.getMessage());
      supervisor.stopAll(Duration.ofSeconds(10));
      Path kept = keepLogs();
      down();
      throw kept == null
          ? e
          : new NetworkException(
              e.getMessage() + "\n(logs of the failed start kept in " + kept + ")", e);
    }
  }

  /** Copies the logs of a failed start beside the state directory, which is about to go. */
  private Path keepLogs() {
    Path logs = layout.logs();
    if (!Files.isDirectory(logs)) {
      return null;
    }
    Path kept = layout.stateDir().resolveSibling(layout.stateDir().getFileName() + "-failed-logs");
    try {
      deleteTree(kept);
      Files.createDirectories(kept);
      try (Stream<Path> files = Files.list(logs)) {
        for (Path f : files.toList()) {
          Files.copy(f, kept.resolve(f.getFileName()));
        }
      }
      return kept;
    } catch (IOException | UncheckedIOException ex) {
      LOG.warn("could not keep the logs: {}", ex.getMessage());
      return null;
    }
  }

  /**
   * Stops a start in progress from another thread (a shutdown hook on Ctrl-C): no further process
   * starts, every one started is stopped and the state is removed.
   */
  public void abort() {
    supervisor.refuseNewStarts();
    down();
  }

  /** Stops every process of this network and removes its state directory. */
  public void down() {
    List<String> killed = supervisor.stopAll(Duration.ofSeconds(10));
    if (!killed.isEmpty()) {
      LOG.warn("had to kill {}", killed);
    }
    Path state = layout.stateDir();
    if (Files.exists(state.resolve(STATE_MARKER)) || isEmptyDir(state)) {
      deleteTree(state);
    } else if (Files.exists(state)) {
      throw new NetworkException(state + " is not a regnet state directory; not removing it");
    }
  }

  /** Empty, or holding only the container-mode marker of a network not yet started. */
  private static boolean isEmptyDir(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.allMatch(f -> f.getFileName().toString().equals(ContainerRuntime.MARKER));
    } catch (IOException e) {
      return false;
    }
  }

  /** The processes this network started, alive or not. */
  public List<ProcessRecord> processes() {
    return supervisor.records();
  }

  public boolean isRunning() {
    return Files.exists(layout.descriptor())
        && !processes().isEmpty()
        && processes().stream().allMatch(ProcessRecord::alive);
  }

  /**
   * The host address a process of this network listens on, by the process's name: in container
   * mode, processes of one host share one network namespace (decision 0016).
   */
  private Optional<String> hostOfProcess(String name) {
    for (OrganizationDefinition org : def.organizations()) {
      if (org.orderer() != null && org.ordererHostName().equals(name)) {
        return Optional.of(org.orderer().host());
      }
      if (org.peerHostName().equals(name)) {
        return Optional.of(org.peer().host());
      }
      if (org.chaincodeHostName().equals(name)) {
        return Optional.of(org.chaincodeServer().host());
      }
      if (org.node() != null && org.nodeHostName().equals(name)) {
        return Optional.of(org.node().host());
      }
    }
    return Optional.empty();
  }

  private void preflight() {
    List<ProcessRecord> records = supervisor.records();
    long alive = records.stream().filter(ProcessRecord::alive).count();
    if (!records.isEmpty() && alive == records.size() && Files.exists(layout.descriptor())) {
      throw new NetworkException(
          "a network is already running from "
              + layout.stateDir()
              + " ("
              + alive
              + " processes); run `scripts/network.sh down` first");
    }
    if (!records.isEmpty() || (Files.exists(layout.stateDir()) && !isEmptyDir(layout.stateDir()))) {
      down();
      throw new NetworkException(
          "found a half-started network in "
              + layout.stateDir()
              + " ("
              + alive
              + " of "
              + records.size()
              + " processes alive); stopped it and removed its state. Run `up` again.");
    }
    List<String> busy = new ArrayList<>();
    for (Map.Entry<String, Endpoint> e : endpoints().entrySet()) {
      boolean nodePort = e.getKey().startsWith("node.");
      // In container mode every host is a fresh network namespace: nothing of ours can hold it.
      if (supervisor.containers().isEmpty()
          && (!nodePort || !extensions.isEmpty())
          && !Ports.isFree(e.getValue())) {
        busy.add(e.getValue() + " (" + e.getKey() + ")");
      }
    }
    if (!busy.isEmpty()) {
      throw new NetworkException(
          "ports in use by another process: "
              + String.join(", ", busy)
              + ". Stop that process or set portOffset in the network definition.");
    }
    requireFile(layout.fabricBin("peer"), "Fabric binaries missing: run scripts/install-fabric.sh");
    requireFile(
        layout.fabricSampleConfig().resolve("core.yaml"),
        "Fabric sampleconfig missing: run scripts/install-fabric.sh");
    requireFile(layout.chaincodeJar(), "chaincode jar missing: run mvn -DskipTests package");
    if (!extensions.isEmpty()) {
      requireFile(layout.nodeJar(), "node jar missing: run mvn -DskipTests package");
    }
  }

  /** Every port this network will listen on, with what listens there. */
  public Map<String, Endpoint> endpoints() {
    Map<String, Endpoint> all = new LinkedHashMap<>();
    for (OrganizationDefinition org : def.ordererOrganizations()) {
      OrdererDefinition o = org.orderer();
      String n = org.ordererHostName();
      all.put(n, o.endpoint());
      all.put(n + " cluster", o.cluster());
      all.put(n + " admin", o.admin());
      all.put(n + " operations", o.operations());
    }
    for (OrganizationDefinition org : def.organizations()) {
      all.put(org.peerHostName(), org.peer().endpoint());
      all.put(org.peerHostName() + " chaincode listener", org.peer().chaincodeListener());
      all.put(org.peerHostName() + " operations", org.peer().operations());
      all.put(org.chaincodeHostName(), org.chaincodeServer().endpoint());
      if (org.node() != null) {
        all.put(org.nodeHostName(), org.node().endpoint());
        all.put(org.nodeHostName() + " admin", org.nodeAdmin());
        all.put(org.nodeHostName() + " evidence", org.nodeEvidence());
      }
    }
    return all;
  }

  private void generateCrypto() {
    def.organizations().forEach(this::generateCrypto);
  }

  private void createGenesisBlock() {
    Path dir = layout.channelDir();
    ConfigtxWriter.write(def, layout, dir);
    cli.configtxgen(dir, ConfigtxWriter.PROFILE, layout.genesisBlock());
  }

  /** Each member's own orderer, joined to the channel by that member's admin. */
  private void startOrderers() {
    List<OrganizationDefinition> members = def.ordererOrganizations();
    List<ProcessRecord> started = new ArrayList<>();
    for (OrganizationDefinition org : members) {
      started.add(startOrderer(org));
    }
    for (int i = 0; i < started.size(); i++) {
      Ports.awaitListening(
          members.get(i).orderer().admin(),
          started.get(i),
          supervisor.logFile(started.get(i).name()),
          START_TIMEOUT);
    }
    for (OrganizationDefinition org : members) {
      cli.osnadminJoin(org, layout.genesisBlock());
    }
  }

  /** Writes {@code org}'s orderer.yaml and starts its orderer. */
  ProcessRecord startOrderer(OrganizationDefinition org) {
    Path home = NodeConfigs.writeOrderer(org, layout);
    return supervisor.start(
        org.ordererHostName(),
        List.of(layout.fabricBin("orderer").toString()),
        Map.of("FABRIC_CFG_PATH", home.toString()),
        home);
  }

  private void startPeers() {
    List<ProcessRecord> started = new ArrayList<>();
    for (OrganizationDefinition org : def.organizations()) {
      started.add(startPeer(org));
    }
    for (int i = 0; i < started.size(); i++) {
      OrganizationDefinition org = def.organizations().get(i);
      Ports.awaitListening(
          org.peer().endpoint(),
          started.get(i),
          supervisor.logFile(started.get(i).name()),
          START_TIMEOUT);
    }
    for (OrganizationDefinition org : def.organizations()) {
      joinChannel(org);
    }
  }

  /**
   * Joins the organisation's running peer to the channel from the genesis block (also a peer
   * rebuilt from an empty disk, which then fetches every block from the orderers).
   */
  public void joinChannel(OrganizationDefinition org) {
    retry(
        () ->
            cli.peer(
                org,
                "peer channel join",
                "channel",
                "join",
                "-b",
                layout.genesisBlock().toString()));
  }

  /** Writes the peer's core.yaml and starts it. */
  ProcessRecord startPeer(OrganizationDefinition org) {
    Path home = NodeConfigs.writePeer(org, layout);
    return supervisor.start(
        org.peerHostName(),
        List.of(layout.fabricBin("peer").toString(), "node", "start"),
        Map.of("FABRIC_CFG_PATH", home.toString()),
        home);
  }

  /**
   * Stops the peer of {@code org} and starts it again from its written core.yaml with {@code
   * extraEnv} added (Fabric reads {@code CORE_*} variables over core.yaml; a test widens a setting
   * with them); waits until it listens. Its ledger stays.
   */
  public ProcessRecord restartPeer(OrganizationDefinition org, Map<String, String> extraEnv) {
    supervisor.stop(org.peerHostName(), Duration.ofSeconds(10));
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("FABRIC_CFG_PATH", layout.peerHome(org).toString());
    ProcessRecord peer =
        supervisor.start(
            org.peerHostName(),
            List.of(layout.fabricBin("peer").toString(), "node", "start"),
            env,
            layout.peerHome(org));
    Ports.awaitListening(
        org.peer().endpoint(), peer, supervisor.logFile(peer.name()), Duration.ofSeconds(90));
    return peer;
  }

  /** Generates the crypto material of one member organisation (idempotent). */
  void generateCrypto(OrganizationDefinition org) {
    List<UserSpec> users = new ArrayList<>();
    users.add(new UserSpec("Admin", UserType.ADMIN, Map.of()));
    for (String role : Identities.ROLES) {
      users.add(new UserSpec(role, UserType.CLIENT, Map.of("role", role)));
    }
    List<TlsServerSpec> tlsServers = new ArrayList<>();
    tlsServers.add(new TlsServerSpec("ccaas", List.of(org.chaincodeServer().host())));
    if (org.node() != null) {
      tlsServers.add(new TlsServerSpec("node", List.of(org.node().host())));
    }
    // The peer and, when the authority runs one, its orderer: both certified by the
    // organisation's own CA, so the orderer acts under the authority's MSP.
    List<NodeSpec> nodes = new ArrayList<>();
    nodes.add(new NodeSpec(org.peer().name(), NodeType.PEER, List.of(org.peer().host())));
    if (org.orderer() != null) {
      nodes.add(
          new NodeSpec(org.orderer().name(), NodeType.ORDERER, List.of(org.orderer().host())));
    }
    OrganizationCrypto.generate(
        layout.crypto(),
        new OrgSpec(
            org.domain(),
            org.mspId(),
            org.jurisdiction(),
            nodes,
            users,
            tlsServers,
            // The node's issuing CA, under the root that stays with this offline tooling.
            org.node() == null ? List.of() : List.of(NodesExtension.ISSUING_CA)));
  }

  private void awaitChaincodeServers(Map<String, ChaincodeInstall> servers) {
    for (OrganizationDefinition org : def.organizations()) {
      ProcessRecord server = servers.get(org.mspId()).server();
      Ports.awaitListening(
          org.chaincodeServer().endpoint(),
          server,
          supervisor.logFile(server.name()),
          START_TIMEOUT);
    }
  }

  /** An organisation's ccaas package and the chaincode server started for it. */
  record ChaincodeInstall(Path packageFile, String packageId, ProcessRecord server) {}

  /** Packages, starts the chaincode server of, and installs on the peer of one organisation. */
  ChaincodeInstall installChaincodeFor(OrganizationDefinition org) {
    ChaincodeInstall launched = launchChaincodeServer(org);
    installPackage(org, launched.packageFile());
    return launched;
  }

  private void installPackage(OrganizationDefinition org, Path packageFile) {
    cli.peer(org, "install chaincode", "lifecycle", "chaincode", "install", packageFile.toString());
  }

  /**
   * Writes the ccaas package of one organisation and starts its chaincode server, not waiting: the
   * package id is the package's hash, known before any peer sees it.
   */
  ChaincodeInstall launchChaincodeServer(OrganizationDefinition org) {
    Path orgDir = layout.orgCrypto(org.domain());
    Path peerTls = orgDir.resolve("nodes").resolve(org.peerHostName()).resolve("tls");
    Path serverTls = orgDir.resolve("tls-servers").resolve(org.chaincodeHostName());
    CcaasPackage pkg =
        CcaasPackage.create(
            layout.chaincodeDir(org),
            def.chaincode().label(),
            org.chaincodeServer().endpoint().toString(),
            serverTls.resolve("ca.crt"),
            peerTls.resolve("server.crt"),
            peerTls.resolve("server.key"),
            commands);
    Map<String, String> env = chaincodeServerEnv(org, pkg.packageId());
    ProcessRecord server =
        supervisor.start(
            org.chaincodeHostName(),
            JavaCommand.server(layout.chaincodeJar(), CHAINCODE_HEAP),
            env,
            layout.chaincodeDir(org));
    return new ChaincodeInstall(pkg.file(), pkg.packageId(), server);
  }

  /** The chaincode server's environment: its address, package id, TLS files and log levels. */
  private Map<String, String> chaincodeServerEnv(OrganizationDefinition org, String packageId) {
    Path serverTls =
        layout.orgCrypto(org.domain()).resolve("tls-servers").resolve(org.chaincodeHostName());
    Map<String, String> env = new HashMap<>();
    env.put("CHAINCODE_SERVER_ADDRESS", org.chaincodeServer().endpoint().toString());
    env.put("CHAINCODE_ID", packageId);
    env.put("CHAINCODE_TLS_CERT_FILE", serverTls.resolve("server.crt").toString());
    env.put("CHAINCODE_TLS_KEY_FILE", serverTls.resolve("server.key").toString());
    env.put("CHAINCODE_TLS_CLIENT_CA_FILE", serverTls.resolve("ca.crt").toString());
    // The shim answers stub.getMspId() from this: the organisation whose peer calls us.
    env.put("CORE_PEER_LOCALMSPID", org.mspId());
    // Quiet by default, and the shim's INFO (which logs every transaction's arguments) never on:
    // the server holds its own levels to WARNING for the shim whatever these say
    // (ChaincodeLogging).
    env.put("CHAINCODE_LOG_LEVEL", "WARNING");
    env.put("CORE_CHAINCODE_LOGGING_LEVEL", "WARNING");
    env.put("CORE_CHAINCODE_LOGGING_SHIM", "WARNING");
    return env;
  }

  /**
   * Stops the chaincode server of {@code org} and starts it again with {@code extraEnv} added (a
   * test runs it on a shifted clock); waits until it listens. The package stays the one installed.
   */
  public ProcessRecord restartChaincodeServer(
      OrganizationDefinition org, String packageId, Map<String, String> extraEnv) {
    supervisor.stop(org.chaincodeHostName(), Duration.ofSeconds(10));
    Map<String, String> env = chaincodeServerEnv(org, packageId);
    env.putAll(extraEnv);
    ProcessRecord server =
        supervisor.start(
            org.chaincodeHostName(),
            JavaCommand.server(layout.chaincodeJar(), CHAINCODE_HEAP),
            env,
            layout.chaincodeDir(org));
    Ports.awaitListening(
        org.chaincodeServer().endpoint(),
        server,
        supervisor.logFile(server.name()),
        Duration.ofSeconds(90));
    return server;
  }

  private void approveAndCommit(Map<String, String> packageIds) {
    for (OrganizationDefinition org : def.organizations()) {
      approve(org, packageIds.get(org.mspId()));
    }
    commit();
  }

  private List<String> chaincodeDefinitionFlags() {
    List<String> definition =
        new ArrayList<>(
            List.of(
                "--channelID",
                def.channel(),
                "--name",
                def.chaincode().name(),
                "--version",
                def.chaincode().version(),
                "--sequence",
                String.valueOf(def.chaincode().sequence())));
    if (def.chaincode().endorsementPolicy() != null) {
      definition.addAll(List.of("--signature-policy", def.chaincode().endorsementPolicy()));
    }
    definition.addAll(List.of("--collections-config", collectionsConfig().toString()));
    return definition;
  }

  /**
   * The pair collections of this definition's members (written once per instance), keeping those of
   * the definition committed before it, which Fabric requires (decision 0013).
   */
  private synchronized Path collectionsConfig() {
    if (collectionsConfig == null) {
      List<String> committed = List.of();
      if (def.chaincode().sequence() > 1) {
        committed =
            PairCollections.committedNames(
                cli.peerStdout(
                    def.organizations().get(0),
                    "query committed chaincode definition",
                    "lifecycle",
                    "chaincode",
                    "querycommitted",
                    "--channelID",
                    def.channel(),
                    "--name",
                    def.chaincode().name(),
                    "-O",
                    "json"));
      }
      String json =
          PairCollections.config(
              def.organizations().stream().map(OrganizationDefinition::mspId).toList(), committed);
      Path file =
          layout.channelDir().resolve("collections-" + def.chaincode().sequence() + ".json");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      collectionsConfig = file;
    }
    return collectionsConfig;
  }

  /** One organisation approves this network's chaincode definition for its own package. */
  void approve(OrganizationDefinition org, String packageId) {
    List<String> args = new ArrayList<>(List.of("lifecycle", "chaincode", "approveformyorg"));
    args.addAll(chaincodeDefinitionFlags());
    args.addAll(List.of("--package-id", packageId, "--waitForEvent"));
    args.addAll(cli.ordererFlags());
    retry(() -> cli.peer(org, "approve chaincode", args.toArray(String[]::new)));
  }

  /** Commits this network's chaincode definition, endorsed by every organisation's peer. */
  void commit() {
    OrganizationDefinition first = def.organizations().get(0);
    List<String> args = new ArrayList<>(List.of("lifecycle", "chaincode", "commit"));
    args.addAll(chaincodeDefinitionFlags());
    args.addAll(cli.ordererFlags());
    for (OrganizationDefinition org : def.organizations()) {
      args.addAll(
          List.of(
              "--peerAddresses",
              org.peer().endpoint().toString(),
              "--tlsRootCertFiles",
              cli.peerTlsCa(org).toString()));
    }
    args.add("--waitForEvent");
    retry(() -> cli.peer(first, "commit chaincode", args.toArray(String[]::new)));
  }

  private void awaitChaincode() {
    for (OrganizationDefinition org : def.organizations()) {
      retry(
          () ->
              cli.peer(
                  org,
                  "query meta:version",
                  "chaincode",
                  "query",
                  "-C",
                  def.channel(),
                  "-n",
                  def.chaincode().name(),
                  "-c",
                  "{\"Args\":[\"meta:version\"]}"));
    }
  }

  /**
   * Retries a CLI step that can fail while the network settles (no Raft leader yet, a peer still
   * catching up on blocks): four times a second, up to a minute.
   */
  static void retry(Runnable step) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        step.run();
        return;
      } catch (NetworkException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LOG.debug("retrying: {}", e.getMessage());
        try {
          Thread.sleep(250);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static void step(String name, Runnable body) {
    long t = System.nanoTime();
    LOG.info("{} ...", name);
    body.run();
    LOG.info("{}: done in {} s", name, String.format("%.1f", (System.nanoTime() - t) / 1e9));
  }

  private static void requireFile(Path p, String message) {
    if (!Files.exists(p)) {
      throw new NetworkException(message + " (" + p + ")");
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }
}
