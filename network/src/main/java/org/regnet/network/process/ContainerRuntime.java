package org.regnet.network.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.regnet.crypto.SecureFiles;
import org.regnet.network.NetworkException;

/**
 * Container mode (decision 0016): every process of the network runs in a container made from the
 * local images of scripts/build-images.sh, and every distinct host address of the network
 * definition is one podman pod, so one network namespace with that address of its own, as a
 * separate machine would be. Which processes share a machine follows from the definition's hosts
 * alone: the runtime does not know orderers from peers from nodes, nor which organisation owns
 * what.
 *
 * <p>Each container sees the network's state directory (configuration, crypto, ledgers) at the same
 * absolute path as the host, so every path in the generated configuration holds unchanged, and runs
 * as the owner of that directory. Secrets reach it through the environment, never the command line
 * (the pid files record command lines).
 *
 * <p>Enabled for a state directory by {@link #enable}, which records the images to use there; the
 * mode then holds for that network until {@code down}.
 */
public final class ContainerRuntime {
  /** The file in the state directory that turns container mode on and names the images. */
  public static final String MARKER = "containers.env";

  private static final String LABEL = "org.regnet.state";

  private final Path projectRoot;
  private final Path stateDir;
  private final Map<String, String> images;
  private final Path containersConf;
  private final Function<String, Optional<String>> hostOf;
  private final String user;

  private ContainerRuntime(
      Path projectRoot,
      Path stateDir,
      Map<String, String> images,
      Function<String, Optional<String>> hostOf) {
    this.projectRoot = projectRoot;
    this.stateDir = stateDir;
    this.images = Map.copyOf(images);
    this.containersConf = projectRoot.resolve(".containers/containers.conf");
    this.hostOf = hostOf;
    try {
      this.user =
          Files.getAttribute(stateDir, "unix:uid") + ":" + Files.getAttribute(stateDir, "unix:gid");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Turns container mode on for {@code stateDir}: copies the image tags that
   * scripts/build-images.sh wrote to {@code .containers/images.env}.
   */
  public static void enable(Path projectRoot, Path stateDir) {
    Path images = projectRoot.resolve(".containers/images.env");
    if (!Files.isRegularFile(images)) {
      throw new NetworkException(
          "container mode needs the local images: run scripts/install-containers.sh and"
              + " scripts/build-images.sh (scripts/network.sh up --containers does both)");
    }
    try {
      SecureFiles.createPrivateDirectories(stateDir);
      Files.copy(images, stateDir.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records the mode and the images in the state directory again (after `up` recreated it). */
  public void writeMarker() {
    StringBuilder text = new StringBuilder();
    images.forEach(
        (k, v) ->
            text.append("REGNET_IMAGE_")
                .append(k.toUpperCase(Locale.ROOT))
                .append('=')
                .append(v)
                .append('\n'));
    try {
      Files.writeString(stateDir.resolve(MARKER), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runtime of the network in {@code stateDir}, if it runs in container mode. */
  public static Optional<ContainerRuntime> load(
      Path projectRoot, Path stateDir, Function<String, Optional<String>> hostOf) {
    Path marker = stateDir.resolve(MARKER);
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    Map<String, String> images = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (line.startsWith("REGNET_IMAGE_") && eq > 0) {
          images.put(
              line.substring("REGNET_IMAGE_".length(), eq).toLowerCase(Locale.ROOT),
              line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new ContainerRuntime(projectRoot, stateDir, images, hostOf));
  }

  /** The environment the podman command itself needs (the project's containers.conf). */
  Map<String, String> podmanEnvironment() {
    return Files.isRegularFile(containersConf)
        ? Map.of("CONTAINERS_CONF", containersConf.toString())
        : Map.of();
  }

  /**
   * The {@code podman run} command that runs {@code command} (as the native mode would run it) in a
   * container on the pod of the process's host. {@code envKeys} are passed by name: podman takes
   * their values from its own environment.
   */
  List<String> wrap(String name, List<String> command, List<String> envKeys, Path workDir) {
    String host =
        hostOf
            .apply(name)
            .orElseThrow(() -> new NetworkException("no host in the definition for " + name));
    String pod = ensurePod(host);
    List<String> run = new ArrayList<>();
    run.addAll(
        List.of(
            "podman",
            "run",
            "--rm",
            "--name",
            containerName(name),
            "--pod",
            pod,
            "--label",
            LABEL + "=" + stateDir,
            "--user",
            user,
            "--umask",
            "0077",
            "--workdir",
            workDir.toString(),
            "-v",
            stateDir + ":" + stateDir,
            "-v",
            projectRoot.resolve("scripts/ccaas-builder")
                + ":"
                + projectRoot.resolve("scripts/ccaas-builder")
                + ":ro"));
    for (String key : envKeys) {
      run.add("--env");
      run.add(key);
    }
    String program = Path.of(command.get(0)).getFileName().toString();
    int jar = command.indexOf("-jar");
    if (program.equals("orderer") || program.equals("peer")) {
      run.add(image(program));
      run.addAll(command.subList(1, command.size()));
    } else if (jar > 0 && jar + 1 < command.size()) {
      String jarName = Path.of(command.get(jar + 1)).getFileName().toString();
      String app = jarName.contains("chaincode") ? "chaincode" : "node";
      run.addAll(List.of("--entrypoint", "/opt/jre/bin/java", image(app)));
      run.addAll(command.subList(1, jar));
      run.addAll(List.of("-jar", "/opt/regnet/" + app + ".jar"));
      run.addAll(command.subList(jar + 2, command.size()));
    } else {
      throw new NetworkException("container mode has no image for " + command.get(0));
    }
    return run;
  }

  /** Removes every container and pod of this network, whatever state they are in. */
  public void removeAll() {
    String filter = "label=" + LABEL + "=" + stateDir;
    List<String> containers = podmanLines(List.of("ps", "-aq", "--filter", filter));
    if (!containers.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "5"));
      rm.addAll(containers);
      podman(rm);
    }
    List<String> pods = podmanLines(List.of("pod", "ps", "-q", "--filter", filter));
    if (!pods.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("pod", "rm", "-f"));
      rm.addAll(pods);
      podman(rm);
    }
  }

  /** Removes the container of one process, if any is left (its podman may have been killed). */
  public void remove(String processName) {
    podman(List.of("rm", "-f", "-t", "5", "--ignore", containerName(processName)));
  }

  /** The container name of a process (e.g. for fault injection: podman kill, pause). */
  public String containerName(String processName) {
    return "regnet-" + Integer.toHexString(stateDir.hashCode()) + "-" + processName;
  }

  /** The pod (network namespace) of one host address. */
  public String podName(String host) {
    return "regnet-" + Integer.toHexString(stateDir.hashCode()) + "-" + host.replace('.', '-');
  }

  private String ensurePod(String host) {
    String pod = podName(host);
    if (podman(List.of("pod", "exists", pod)) != 0) {
      reclaimAddress(host, pod);
      String network = ensureNetwork(host);
      int rc =
          podman(
              List.of(
                  "pod",
                  "create",
                  "--name",
                  pod,
                  "--label",
                  LABEL + "=" + stateDir,
                  "--network",
                  network,
                  "--ip",
                  host));
      if (rc != 0) {
        throw new NetworkException("cannot create the pod of " + host + " (podman pod create)");
      }
    }
    return pod;
  }

  /**
   * Frees {@code host} from the pod of another state directory that a killed run left behind.
   * Podman's records outlive the processes of a run killed with its machine (or its session): the
   * pod still holds its address, and every later network on that address fails to start with an
   * IPAM error. Such a pod is stale when its state directory is gone or its infra process is dead;
   * a live one belongs to a network still running, which this start must not break.
   */
  private void reclaimAddress(String host, String pod) {
    String suffix = "-" + host.replace('.', '-');
    List<String> pods =
        podmanLines(
            List.of(
                "pod",
                "ps",
                "--filter",
                "label=" + LABEL,
                "--format",
                "{{.Name}}\t{{.InfraId}}\t{{index .Labels \"" + LABEL + "\"}}"));
    for (String line : pods) {
      String[] f = line.split("\t", -1);
      if (f.length < 3 || !f[0].endsWith(suffix) || f[0].equals(pod)) {
        continue;
      }
      Path owner = Path.of(f[2]);
      if (Files.isDirectory(owner) && alive(f[1])) {
        throw new NetworkException(
            "address "
                + host
                + " is held by the container network of "
                + owner
                + ", which still runs: stop it first (scripts/network.sh down, or"
                + " scripts/faults.sh's network with scripts/install-containers.sh stop)");
      }
      List<String> left = podmanLines(List.of("ps", "-aq", "--filter", "pod=" + f[0]));
      if (!left.isEmpty()) {
        List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
        rm.addAll(left);
        podman(rm);
      }
      podman(List.of("pod", "rm", "-f", f[0]));
    }
  }

  /** Whether the process of a container (by id) still runs on this machine. */
  private boolean alive(String containerId) {
    if (containerId.isBlank()) {
      return false;
    }
    List<String> pid = podmanLines(List.of("inspect", "--format", "{{.State.Pid}}", containerId));
    return !pid.isEmpty()
        && pid.get(0).matches("[1-9][0-9]*")
        && Files.isDirectory(Path.of("/proc", pid.get(0)));
  }

  /** One podman bridge network per /24 of the definition's hosts. */
  private String ensureNetwork(String host) {
    String[] octets = host.split("\\.");
    if (octets.length != 4) {
      throw new NetworkException("container mode needs IPv4 host addresses, not " + host);
    }
    String subnet = octets[0] + "." + octets[1] + "." + octets[2] + ".0/24";
    String network = "regnet-" + octets[0] + "-" + octets[1] + "-" + octets[2];
    if (podman(List.of("network", "exists", network)) != 0
        && podman(List.of("network", "create", "--subnet", subnet, network)) != 0
        && podman(List.of("network", "exists", network)) != 0) {
      throw new NetworkException("cannot create the podman network " + subnet);
    }
    return network;
  }

  private String image(String name) {
    return Objects.requireNonNull(
        images.get(name), () -> "no image " + name + " in " + stateDir.resolve(MARKER));
  }

  private int podman(List<String> args) {
    return run(args, ProcessBuilder.Redirect.DISCARD);
  }

  private List<String> podmanLines(List<String> args) {
    try {
      Path out = Files.createTempFile("podman", ".out");
      try {
        run(args, ProcessBuilder.Redirect.to(out.toFile()));
        return Files.readAllLines(out).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty())
            .toList();
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int run(List<String> args, ProcessBuilder.Redirect out) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(podmanEnvironment());
    pb.redirectOutput(out);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new NetworkException("podman " + String.join(" ", args) + " did not finish");
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new NetworkException("cannot run podman: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException("interrupted: podman " + String.join(" ", args), e);
    }
  }
}
