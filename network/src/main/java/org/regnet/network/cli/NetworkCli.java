package org.regnet.network.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkException;
import org.regnet.network.NetworkLayout;
import org.regnet.network.config.InvalidDefinitionException;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.process.ContainerRuntime;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regnet-network up|down|status}: the network's life cycle, behind scripts/network.sh. */
@Command(
    name = "regnet-network",
    mixinStandardHelpOptions = true,
    subcommands = {
      NetworkCli.Up.class,
      NetworkCli.Down.class,
      NetworkCli.Status.class,
      AddAuthority.class,
      RemoveAuthority.class,
      Revoke.class,
      UpdateMsp.class
    })
public final class NetworkCli {

  static class Common {
    @Option(names = "--project", description = "project root (default: current directory)")
    Path project = Path.of("").toAbsolutePath();

    @Option(
        names = "--config",
        description = "network definition (default: network-config/network.yaml)")
    Path config;

    @Option(
        names = "--state-dir",
        description = "where the network keeps its state (default: .network)")
    Path stateDir;

    @Option(names = "--port-offset", description = "added to every port of the definition")
    int portOffset;

    @Option(
        names = "--with-nodes",
        negatable = true,
        defaultValue = "true",
        description = "also start one authority node per organisation (default: ${DEFAULT-VALUE})")
    boolean withNodes;

    FabricNetwork network() {
      Path state = stateDir != null ? stateDir : project.resolve(".network");
      Path running = state.resolve(FabricNetwork.DEFINITION);
      NetworkDefinition def;
      if (Files.exists(running)) {
        // The running network's own definition: its ports and the members added since `up`.
        def = NetworkDefinitions.load(running);
      } else {
        Path cfg = config != null ? config : project.resolve("network-config/network.yaml");
        def = NetworkDefinitions.load(cfg);
        if (portOffset != 0) {
          def = def.withPortOffset(portOffset);
        }
      }
      NetworkLayout layout = new NetworkLayout(project, state);
      return new FabricNetwork(def, layout, withNodes ? Extensions.nodes(layout) : List.of());
    }
  }

  @Command(name = "up", description = "Start the network and wait until the chaincode answers.")
  static final class Up extends Common implements Callable<Integer> {
    @Option(
        names = "--containers",
        description =
            "run every process in a container of the local images, one network namespace per"
                + " host address of the definition (e.g. network-config/containers.yaml)")
    boolean containers;

    @Override
    public Integer call() {
      Path state = stateDir != null ? stateDir : project.resolve(".network");
      if (containers && !Files.exists(state.resolve(FabricNetwork.DEFINITION))) {
        ContainerRuntime.enable(project, state);
      }
      FabricNetwork network = network();
      if (network.isRunning()) {
        System.out.println(
            "a network is already running from "
                + network.layout().stateDir()
                + "; nothing changed");
        Status.print(network);
        NextSteps.print(network.layout().descriptor(), project, System.out);
        return 0;
      }
      // Ctrl-C (or a TERM) during the start: stop whatever was started, leave nothing behind.
      AtomicBoolean finished = new AtomicBoolean();
      Thread abort =
          new Thread(
              () -> {
                if (!finished.get()) {
                  System.err.println("interrupted: stopping what was started");
                  try {
                    network.abort();
                  } catch (RuntimeException e) {
                    System.err.println("could not stop everything: " + e.getMessage());
                  }
                }
              },
              "up-interrupted");
      Runtime.getRuntime().addShutdownHook(abort);
      Path descriptor = network.up();
      finished.set(true);
      Status.print(network);
      System.out.println("network description: " + descriptor);
      NextSteps.print(descriptor, project, System.out);
      return 0;
    }
  }

  @Command(name = "down", description = "Stop every process of the network and remove its state.")
  static final class Down extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      FabricNetwork network = network();
      int n = network.processes().size();
      if (n == 0 && !Files.exists(network.layout().stateDir())) {
        System.out.println("no network to stop in " + network.layout().stateDir());
        return 0;
      }
      network.down();
      System.out.println("stopped " + n + " processes; removed " + network.layout().stateDir());
      return 0;
    }
  }

  @Command(name = "status", description = "Say what runs, where.")
  static final class Status extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      FabricNetwork network = network();
      if (network.processes().isEmpty()) {
        System.out.println("no network running from " + network.layout().stateDir());
        return 3;
      }
      print(network);
      return network.isRunning() ? 0 : 1;
    }

    static void print(FabricNetwork network) {
      System.out.printf("%-34s %-8s %-8s %s%n", "PROCESS", "PID", "STATE", "LISTENS ON");
      var endpoints = network.endpoints();
      for (ProcessRecord r : network.processes()) {
        String listens =
            endpoints.entrySet().stream()
                .filter(e -> e.getKey().equals(r.name()) || e.getKey().startsWith(r.name() + " "))
                .map(
                    e ->
                        e.getValue()
                            + (e.getKey().equals(r.name())
                                ? ""
                                : " (" + e.getKey().substring(r.name().length() + 1) + ")")
                            + (Ports.isListening(e.getValue()) ? "" : " [closed]"))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        System.out.printf(
            "%-34s %-8d %-8s %s%n", r.name(), r.pid(), r.alive() ? "running" : "DEAD", listens);
      }
      Path log = network.layout().logs();
      if (Files.isDirectory(log)) {
        System.out.println("logs: " + log);
      }
    }
  }

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new NetworkCli());
    cmd.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          if (ex instanceof NetworkException || ex instanceof InvalidDefinitionException) {
            line.getErr().println("error: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    System.exit(cmd.execute(args));
  }
}
