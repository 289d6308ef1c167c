package org.regnet.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkExtension;
import org.regnet.network.NetworkLayout;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;

/**
 * The real Fabric network the integration tests share: started once per test JVM through the same
 * {@link FabricNetwork#up()} as {@code scripts/network.sh up}, from the same
 * network-config/network.yaml, with every port moved by {@link #PORT_OFFSET} so a developer's own
 * network can keep running. It runs the authority nodes too, as `up` does. A shutdown hook brings
 * it down whatever the tests did, so no process outlives the run.
 */
public final class TestNetwork {
  public static final int PORT_OFFSET = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNetwork shared;

  private final FabricNetwork network;
  private final JsonNode descriptor;

  private TestNetwork(FabricNetwork network, JsonNode descriptor) {
    this.network = network;
    this.descriptor = descriptor;
  }

  /** The network of this test run, started on first use. */
  public static synchronized TestNetwork shared() {
    if (shared == null) {
      shared = start(List.of(new org.regnet.network.NodesExtension()));
    }
    return shared;
  }

  /** Starts a fresh network in the test state directory, after clearing any left-over one. */
  public static TestNetwork start(List<NetworkExtension> extensions) {
    return start(PORT_OFFSET, "it-network", extensions);
  }

  /**
   * Starts a fresh network of its own: ports moved by {@code offset}, state in target/{@code name}.
   */
  public static TestNetwork start(int offset, String name, List<NetworkExtension> extensions) {
    return start("network-config/network.yaml", offset, name, extensions);
  }

  /**
   * Starts a fresh network of its own whose definition is network.yaml's, ports moved by {@code
   * offset}, then reshaped by {@code shape} (e.g. a fourth founding member).
   */
  public static TestNetwork start(
      int offset,
      String name,
      List<NetworkExtension> extensions,
      UnaryOperator<NetworkDefinition> shape) {
    return start("network-config/network.yaml", offset, name, extensions, shape);
  }

  /**
   * Starts a fresh network from another definition (e.g. {@code network-config/network-bft.yaml}),
   * ports moved by {@code offset}, state in target/{@code name}.
   */
  public static TestNetwork start(
      String definition, int offset, String name, List<NetworkExtension> extensions) {
    return start(definition, offset, name, extensions, UnaryOperator.identity());
  }

  private static TestNetwork start(
      String definition,
      int offset,
      String name,
      List<NetworkExtension> extensions,
      UnaryOperator<NetworkDefinition> shape) {
    if (offset % 5000 != 0 || offset < 5000 || offset > 45000) {
      // scripts/lib/test-ports.sh keeps the ephemeral port range above these networks' ports.
      throw new IllegalArgumentException(
          "a test network's port offset is a multiple of 5000 in 5000..45000: " + offset);
    }
    Path root = projectRoot();
    NetworkDefinition def =
        shape.apply(NetworkDefinitions.load(root.resolve(definition)).withPortOffset(offset));
    return start(def, root.resolve("system-tests/target").resolve(name), extensions);
  }

  /**
   * Starts a fresh network in container mode (decision 0016) from network-config/containers.yaml,
   * each host a network namespace of its own; state in target/{@code name}. Needs the local images
   * (scripts/build-images.sh).
   */
  public static TestNetwork startInContainers(String name, List<NetworkExtension> extensions) {
    return startInContainers("network-config/containers.yaml", name, extensions);
  }

  /**
   * Starts a fresh network in container mode from another definition whose hosts are container
   * addresses (e.g. {@code network-config/containers-bft.yaml}); state in target/{@code name}.
   */
  public static TestNetwork startInContainers(
      String definition, String name, List<NetworkExtension> extensions) {
    Path root = projectRoot();
    Path state = root.resolve("system-tests/target").resolve(name);
    NetworkDefinition def = NetworkDefinitions.load(root.resolve(definition));
    // Whatever ran there before goes first, in the mode it ran in; then the mode is set.
    new FabricNetwork(def, new NetworkLayout(root, state), extensions).down();
    org.regnet.network.process.ContainerRuntime.enable(root, state);
    return start(def, state, extensions);
  }

  private static TestNetwork start(
      NetworkDefinition def, Path state, List<NetworkExtension> extensions) {
    NetworkLayout layout = new NetworkLayout(projectRoot(), state);
    FabricNetwork network = new FabricNetwork(def, layout, extensions);
    // A run killed earlier may have left processes behind: stop them first.
    network.down();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  keepLogs(layout);
                  network.down();
                },
                "it-network-down"));
    Path descriptorFile = network.up();
    try {
      TestNetwork net = new TestNetwork(network, JSON.readTree(descriptorFile.toFile()));
      net.awaitDiscovery();
      return net;
    } catch (IOException e) {
      network.down();
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the network's process logs to {@code <state>-logs} before the state goes: a failed run
   * in CI is read from there. Files of the same name are replaced.
   */
  private static void keepLogs(NetworkLayout layout) {
    Path from = layout.logs();
    Path to = layout.stateDir().resolveSibling(layout.stateDir().getFileName() + "-logs");
    if (!Files.isDirectory(from)) {
      return;
    }
    try {
      Files.createDirectories(to);
      try (var logs = Files.list(from)) {
        for (Path log : logs.toList()) {
          if (Files.isRegularFile(log)) {
            Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      System.err.println("could not keep the logs of " + layout.stateDir() + ": " + e);
    }
  }

  /**
   * Waits until every peer's gateway can reach every other organisation's peer for endorsement:
   * gossip membership through the anchor peers takes a few seconds after the channel is joined.
   */
  private void awaitDiscovery() {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
    try (Actors actors = new Actors(this)) {
      int n = descriptor.get("organizations").size();
      for (int from = 0; from < n; from++) {
        for (int to = 0; to < n; to++) {
          while (true) {
            Calls.Result r =
                Calls.evaluate(
                    actors.contract(from, "auditor"),
                    "meta:version",
                    null,
                    java.util.Map.of(),
                    actors.msp(to));
            if (r.ok()) {
              break;
            }
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("peers did not discover each other: " + r.error());
            }
            Thread.sleep(500);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A network started elsewhere (e.g. by scripts/bench.sh), known only by its network.json, as an
   * outside client knows it. It has no {@link #network()}: whoever started it stops it.
   */
  public static TestNetwork attach(Path descriptorFile) {
    try {
      TestNetwork net = new TestNetwork(null, JSON.readTree(descriptorFile.toFile()));
      net.awaitDiscovery();
      return net;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path projectRoot() {
    String root = System.getProperty("regnet.projectRoot");
    return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
  }

  public FabricNetwork network() {
    if (network == null) {
      throw new IllegalStateException("an attached network is managed by whoever started it");
    }
    return network;
  }

  /** The parsed network.json, as any client would read it. */
  public JsonNode descriptor() {
    return descriptor;
  }

  public JsonNode organization(int index) {
    return descriptor.get("organizations").get(index);
  }

  public String channel() {
    return descriptor.get("channel").asText();
  }

  public String chaincode() {
    return descriptor.get("chaincode").asText();
  }
}
