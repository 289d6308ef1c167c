package org.regnet.systemtest.fault;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkLayout;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrdererDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.ContainerRuntime;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.testcontainers.DockerClientFactory;

/**
 * Fault injection on a network in container mode: containers are killed, paused and cut off through
 * podman's Docker-compatible API with Testcontainers' client (DOCKER_HOST, set by
 * scripts/install-containers.sh); processes are started again through the network's own supervisor,
 * exactly as `up` started them.
 */
final class Faults {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final FabricNetwork network;
  private final ContainerRuntime runtime;
  private final DockerClient docker;

  Faults(FabricNetwork network) {
    this.network = network;
    this.runtime =
        network
            .supervisor()
            .containers()
            .orElseThrow(() -> new IllegalStateException("the network is not in container mode"));
    this.docker = DockerClientFactory.instance().client();
  }

  /**
   * {@code kill -9} of a process's container. Its container must be running: a fault aimed at a
   * container that is gone says what the network's containers are and what the process logged last,
   * rather than podman's bare 404.
   */
  void kill(String processName) {
    String container = runtime.containerName(processName);
    if (!running(processName)) {
      throw new IllegalStateException(
          "cannot kill "
              + container
              + ": it does not run. Containers of the network: "
              + containers()
              + "; last lines of its log:\n"
              + tail(network.supervisor().logFile(processName), 20));
    }
    try {
      docker.killContainerCmd(container).withSignal("KILL").exec();
    } catch (com.github.dockerjava.api.exception.DockerException e) {
      // podman's Docker-compatible kill sends the signal, then (as Docker does for SIGKILL) waits
      // for the container to stop, looking it up by name again. A container run with --rm may be
      // removed between the two: the kill has happened, yet the answer is "no such container"
      // (404 or 500). Only a container still running means the kill failed.
      if (!String.valueOf(e.getMessage()).contains("no such container") || running(processName)) {
        throw e;
      }
    }
  }

  /** True while the process's container exists and runs. */
  boolean running(String processName) {
    try {
      Boolean r =
          docker
              .inspectContainerCmd(runtime.containerName(processName))
              .exec()
              .getState()
              .getRunning();
      return Boolean.TRUE.equals(r);
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }

  /** The network's containers (name and state), for diagnostics. */
  String containers() {
    return docker.listContainersCmd().withShowAll(true).exec().stream()
        .map(c -> String.join(",", c.getNames()) + "=" + c.getState())
        .filter(c -> c.contains(runtime.containerName("")))
        .sorted()
        .toList()
        .toString();
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  void pause(String processName) {
    docker.pauseContainerCmd(runtime.containerName(processName)).exec();
  }

  void unpause(String processName) {
    docker.unpauseContainerCmd(runtime.containerName(processName)).exec();
  }

  /** The orderer that leads the channel's Raft cluster now, if any, from its metrics. */
  Optional<OrganizationDefinition> raftLeader() {
    for (OrganizationDefinition org : orderers()) {
      if (raftGauge(org, "consensus_etcdraft_is_leader").orElse(0L) == 1) {
        return Optional.of(org);
      }
    }
    return Optional.empty();
  }

  /**
   * One of the channel's etcdraft gauges on an orderer (e.g. {@code
   * consensus_etcdraft_committed_block_number}), empty while it does not answer.
   */
  Optional<Long> raftGauge(OrganizationDefinition org, String gauge) {
    String prefix = gauge + "{";
    String channel = "channel=\"" + network.definition().channel() + "\"";
    try {
      String metrics =
          HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create("http://" + org.orderer().operations() + "/metrics"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return metrics
          .lines()
          .filter(l -> l.startsWith(prefix) && l.contains(channel))
          .map(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty(); // down or not answering
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The members that run an orderer (each authority runs its own). */
  java.util.List<OrganizationDefinition> orderers() {
    return network.definition().organizations().stream().filter(o -> o.orderer() != null).toList();
  }

  String name(OrganizationDefinition org) {
    return org.ordererHostName();
  }

  /**
   * Starts a killed orderer again from its own configuration and ledger, and returns once it is a
   * member of the cluster again: it listens, and it has caught up with the block the leader had
   * committed when it came back. Only then may the next fault hit another orderer, or two of three
   * would be out at once.
   */
  void restartOrderer(OrganizationDefinition org) {
    NetworkLayout layout = network.layout();
    OrdererDefinition o = org.orderer();
    String name = name(org);
    awaitExited(name);
    var home = layout.ordererHome(org);
    ProcessRecord started =
        network
            .supervisor()
            .start(
                name,
                List.of(layout.fabricBin("orderer").toString()),
                Map.of("FABRIC_CFG_PATH", home.toString()),
                home);
    Ports.awaitListening(
        o.endpoint(), started, network.supervisor().logFile(name), Duration.ofSeconds(90));
    awaitCaughtUp(org, started);
  }

  private void awaitCaughtUp(OrganizationDefinition org, ProcessRecord started) {
    if (network.definition().ordering().bft()) {
      awaitBftCaughtUp(org, started);
      return;
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    long target = -1;
    while (System.nanoTime() < deadline) {
      if (!started.alive()) {
        throw new IllegalStateException(
            org.ordererHostName()
                + " exited after its restart; last lines of its log:\n"
                + tail(network.supervisor().logFile(org.ordererHostName()), 20));
      }
      if (target < 0) {
        Optional<OrganizationDefinition> leader = raftLeader();
        if (leader.isPresent() && leader.get().equals(org)) {
          // Raft elects only a candidate whose log is at least as complete as a majority's: a
          // restarted orderer that leads has every committed block (seen when it and the one
          // survivor of a quorum loss were all that ran).
          return;
        }
        if (leader.isPresent()) {
          target = raftGauge(leader.get(), "consensus_etcdraft_committed_block_number").orElse(-1L);
        }
      }
      if (target >= 0
          && raftGauge(org, "consensus_etcdraft_committed_block_number").orElse(-1L) >= target) {
        return;
      }
      ReferralLoad.sleep(200);
    }
    throw new IllegalStateException(
        org.ordererHostName()
            + " did not rejoin the cluster (leader "
            + raftLeader().map(OrganizationDefinition::ordererHostName).orElse("none")
            + ", target block "
            + target
            + ", its committed block "
            + raftGauge(org, "consensus_etcdraft_committed_block_number").orElse(-1L)
            + ")");
  }

  /**
   * SmartBFT has no etcdraft gauges: a restarted consenter has caught up when its ledger reaches
   * the highest height the other orderers had when it came back (they keep growing under load).
   */
  private void awaitBftCaughtUp(OrganizationDefinition org, ProcessRecord started) {
    long target =
        orderers().stream()
            .filter(o -> !o.equals(org))
            .mapToLong(o -> ordererHeight(o).orElse(0))
            .max()
            .orElse(0);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (!started.alive()) {
        throw new IllegalStateException(
            org.ordererHostName()
                + " exited after its restart; last lines of its log:\n"
                + tail(network.supervisor().logFile(org.ordererHostName()), 20));
      }
      if (ordererHeight(org).orElse(-1) >= target) {
        return;
      }
      ReferralLoad.sleep(100);
    }
    throw new IllegalStateException(
        org.ordererHostName() + " did not catch up to height " + target + " in 3 minutes");
  }

  /**
   * Waits until the process killed last is gone: its podman client has exited (which removes the
   * container, {@code --rm}), and no container of its name is left. Only then may a new container
   * take its name.
   */
  void awaitExited(String processName) {
    network.processes().stream()
        .filter(p -> p.name().equals(processName))
        .findFirst()
        .flatMap(ProcessRecord::handle)
        .ifPresent(
            h -> {
              try {
                h.onExit().get(2, java.util.concurrent.TimeUnit.MINUTES);
              } catch (Exception e) {
                throw new IllegalStateException("the podman client of " + processName + " runs on");
              }
            });
    runtime.remove(processName);
  }

  /** Kills {@code org}'s node ({@code kill -9} of its container) and waits until it is gone. */
  void killNode(OrganizationDefinition org) {
    kill(org.nodeHostName());
    awaitExited(org.nodeHostName());
  }

  /** Starts {@code org}'s node again, as `up` did (same configuration, database and secret). */
  void restartNode(OrganizationDefinition org) {
    awaitExited(org.nodeHostName());
    ProcessRecord started = NodesExtension.startNode(network, org);
    Ports.awaitListening(
        org.node().endpoint(),
        started,
        network.supervisor().logFile(started.name()),
        Duration.ofSeconds(120));
  }

  /**
   * Cuts {@code org}'s host off from every other host of the network, both ways, as a cut link
   * between authorities would: packets to and from the other authorities' addresses are dropped in
   * its network namespace. The host machine (the bridge's gateway, where the test and the
   * authority's own users sit) still reaches it, so its node can be asked how it fares.
   */
  void partition(OrganizationDefinition org) {
    try {
      // Inserted at the head of each chain in reverse, so they read: accept the gateway, drop the
      // rest of the subnet.
      List<List<String>> rules = new java.util.ArrayList<>(cutRules(org));
      java.util.Collections.reverse(rules);
      for (List<String> rule : rules) {
        iptables(org, "-I", rule.get(0), "1", rule.subList(1, rule.size()));
      }
    } catch (RuntimeException e) {
      heal(org);
      throw e;
    }
  }

  /** Undoes {@link #partition} (each rule it inserted that is there). */
  void heal(OrganizationDefinition org) {
    RuntimeException failed = null;
    for (List<String> rule : cutRules(org)) {
      try {
        iptables(org, "-D", rule.get(0), null, rule.subList(1, rule.size()));
      } catch (RuntimeException e) {
        failed = failed == null ? e : failed;
      }
    }
    if (failed != null && !failed.getMessage().contains("does a matching rule exist")) {
      throw failed;
    }
  }

  private static List<List<String>> cutRules(OrganizationDefinition org) {
    String host = org.peer().host();
    String net = host.substring(0, host.lastIndexOf('.'));
    String subnet = net + ".0/24", gateway = net + ".1";
    // The authority's own processes reach each other at the host's own address, whose packets
    // pass these chains too (over the loopback device): they stay allowed, or the cut would also
    // cut the node from its own peer and the peer from its own chaincode server.
    return List.of(
        List.of("INPUT", "-s", gateway, "-j", "ACCEPT"),
        List.of("INPUT", "-s", host, "-j", "ACCEPT"),
        List.of("INPUT", "-s", subnet, "-j", "DROP"),
        List.of("OUTPUT", "-d", gateway, "-j", "ACCEPT"),
        List.of("OUTPUT", "-d", host, "-j", "ACCEPT"),
        List.of("OUTPUT", "-d", subnet, "-j", "DROP"));
  }

  private void iptables(
      OrganizationDefinition org, String op, String chain, String position, List<String> rule) {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of("nsenter", "-t", infraPid(org.peer().host()), "-n", "iptables", op, chain));
    if (position != null) {
      cmd.add(position);
    }
    cmd.addAll(rule);
    exec(cmd);
  }

  /** The pid of the infra container of the pod of {@code host}: its network namespace. */
  private String infraPid(String host) {
    String infra =
        exec(
            List.of(
                "podman",
                "pod",
                "inspect",
                runtime.podName(host),
                "--format",
                "{{.InfraContainerID}}"));
    return exec(List.of("podman", "inspect", infra, "--format", "{{.State.Pid}}"));
  }

  private static String exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(1, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The orderer that leads the channel's SmartBFT cluster now, if a quorum agrees: each orderer's
   * metrics name the leader it follows ({@code consensus_BFT_leader_id{channel=...}}, the consenter
   * id, which is the position of the member among the definition's orderers counted from 1, as
   * ConfigtxWriter numbers them); the leader is the one at least 2f+1 = 3 of the 4 name. A single
   * orderer's {@code consensus_BFT_is_leader} is not enough: a restarted former leader reports its
   * old view's leadership until it has synced.
   */
  Optional<OrganizationDefinition> bftLeader() {
    java.util.List<OrganizationDefinition> consenters = orderers();
    Map<Long, Integer> votes = new java.util.HashMap<>();
    for (OrganizationDefinition org : consenters) {
      metric(org.orderer().operations().toString(), "consensus_BFT_leader_id")
          .ifPresent(id -> votes.merge((long) id, 1, Integer::sum));
    }
    int quorum = 2 * ((consenters.size() - 1) / 3) + 1;
    return votes.entrySet().stream()
        .filter(e -> e.getValue() >= quorum && e.getKey() >= 1 && e.getKey() <= consenters.size())
        .map(e -> consenters.get((int) (e.getKey() - 1)))
        .findFirst();
  }

  /**
   * Whether every one of the four orderers reports the same BFT leader: a restarted orderer has
   * rejoined the current view, so the network again tolerates one fault.
   */
  boolean bftLeaderUnanimous() {
    java.util.Set<Double> ids = new java.util.HashSet<>();
    for (OrganizationDefinition org : orderers()) {
      java.util.OptionalDouble id =
          metric(org.orderer().operations().toString(), "consensus_BFT_leader_id");
      if (id.isEmpty()) {
        return false;
      }
      ids.add(id.getAsDouble());
    }
    return ids.size() == 1;
  }

  /** The height of the channel's ledger on {@code org}'s orderer, from its metrics. */
  java.util.OptionalLong ordererHeight(OrganizationDefinition org) {
    return height(org.orderer().operations().toString());
  }

  /** The height of the channel's ledger on {@code org}'s peer, from its metrics. */
  java.util.OptionalLong peerHeight(OrganizationDefinition org) {
    return height(org.peer().operations().toString());
  }

  private java.util.OptionalLong height(String operations) {
    java.util.OptionalDouble h = metric(operations, "ledger_blockchain_height");
    return h.isPresent()
        ? java.util.OptionalLong.of((long) h.getAsDouble())
        : java.util.OptionalLong.empty();
  }

  /**
   * The value of one of the channel's gauges on a Fabric operations endpoint ({@code host:port}),
   * or empty when the process does not answer or does not report it.
   */
  private java.util.OptionalDouble metric(String operations, String name) {
    String prefix = name + "{";
    String channel = "channel=\"" + network.definition().channel() + "\"";
    try {
      String metrics =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://" + operations + "/metrics"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return metrics
          .lines()
          .filter(l -> l.startsWith(prefix) && l.contains(channel))
          .map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .mapToDouble(Double::parseDouble)
          .findFirst();
    } catch (IOException e) {
      return java.util.OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a killed peer again from its own configuration and ledger; waits for its port. */
  /**
   * Rebuilds a killed peer from an empty disk, as after a lost volume: its data directory (ledger,
   * private data, transient store, installed chaincode) is deleted, the peer started again, joined
   * to the channel from its genesis block, and the organisation's chaincode package installed again
   * (same package, same package id, so the committed definition applies). Its identity and TLS
   * files, which live beside the data, stay.
   */
  void rebuildPeer(OrganizationDefinition org) {
    NetworkLayout layout = network.layout();
    awaitExited(org.peerHostName());
    Path data = layout.peerHome(org).resolve("data");
    deleteTree(data);
    restartPeer(org);
    network.joinChannel(org);
    Path pkg;
    try (var files = Files.list(layout.chaincodeDir(org))) {
      pkg =
          files
              .filter(x -> x.getFileName().toString().endsWith(".tar.gz"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no chaincode package for " + org));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    network
        .cli()
        .peer(org, "install chaincode", "lifecycle", "chaincode", "install", pkg.toString());
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void restartPeer(OrganizationDefinition org) {
    NetworkLayout layout = network.layout();
    String name = org.peerHostName();
    awaitExited(name);
    var home = layout.peerHome(org);
    ProcessRecord started =
        network
            .supervisor()
            .start(
                name,
                java.util.List.of(layout.fabricBin("peer").toString(), "node", "start"),
                Map.of("FABRIC_CFG_PATH", home.toString()),
                home);
    Ports.awaitListening(
        org.peer().endpoint(), started, network.supervisor().logFile(name), Duration.ofSeconds(90));
  }
}
