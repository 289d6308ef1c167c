package org.regnet.systemtest.fault;

import com.github.dockerjava.api.DockerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkLayout;
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

  /** {@code kill -9} of a process's container. */
  void kill(String processName) {
    docker.killContainerCmd(runtime.containerName(processName)).withSignal("KILL").exec();
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
      OrdererDefinition o = org.orderer();
      try {
        String metrics =
            HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://" + o.operations() + "/metrics"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("consensus_etcdraft_is_leader{")
                        && l.contains("channel=\"" + network.definition().channel() + "\"")
                        && l.endsWith(" 1"))) {
          return Optional.of(org);
        }
      } catch (java.io.IOException e) {
        // down or not answering: not the leader
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Optional.empty();
  }

  /** The members that run an orderer (each authority runs its own). */
  java.util.List<OrganizationDefinition> orderers() {
    return network.definition().organizations().stream().filter(o -> o.orderer() != null).toList();
  }

  String name(OrganizationDefinition org) {
    return org.ordererHostName();
  }

  /** Starts a killed orderer again from its own configuration and ledger; waits for its port. */
  void restartOrderer(OrganizationDefinition org) {
    NetworkLayout layout = network.layout();
    OrdererDefinition o = org.orderer();
    String name = name(org);
    runtime.remove(name);
    var home = layout.ordererHome(org);
    ProcessRecord started =
        network
            .supervisor()
            .start(
                name,
                java.util.List.of(layout.fabricBin("orderer").toString()),
                Map.of("FABRIC_CFG_PATH", home.toString()),
                home);
    Ports.awaitListening(
        o.endpoint(), started, network.supervisor().logFile(name), Duration.ofSeconds(90));
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
    } catch (java.io.IOException e) {
      return java.util.OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a killed peer again from its own configuration and ledger; waits for its port. */
  void restartPeer(OrganizationDefinition org) {
    NetworkLayout layout = network.layout();
    String name = org.peerHostName();
    runtime.remove(name);
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
