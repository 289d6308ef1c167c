package org.regnet.network.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.regnet.network.NetworkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the network's long-running processes detached from the caller (their own session, so
 * neither a finished CLI nor a Ctrl-C takes them down), remembers each in a pid file, and stops
 * them again. Environment variables that Fabric reads ({@code CORE_*}, {@code ORDERER_*}, {@code
 * FABRIC_*}) are never inherited from the caller, so a stray shell export cannot change a node.
 */
public final class ProcessSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessSupervisor.class);
  private static final List<String> SCRUBBED_PREFIXES =
      List.of("CORE_", "ORDERER_", "FABRIC_", "CHAINCODE_", "REGNET_");

  private final Path pidDir;
  private final Path logDir;
  private final ContainerRuntime containers;
  private boolean refusing;

  public ProcessSupervisor(Path pidDir, Path logDir) {
    this(pidDir, logDir, null);
  }

  /** With {@code containers} non-null, every process runs in its container (container mode). */
  public ProcessSupervisor(Path pidDir, Path logDir, ContainerRuntime containers) {
    this.pidDir = pidDir;
    this.logDir = logDir;
    this.containers = containers;
  }

  /** The container runtime when the network runs in container mode. */
  public Optional<ContainerRuntime> containers() {
    return Optional.ofNullable(containers);
  }

  /**
   * From now on {@link #start} refuses: an interrupted `up` (Ctrl-C) stops what it started, and no
   * step still running may start more behind its back.
   */
  public synchronized void refuseNewStarts() {
    refusing = true;
  }

  /** True once {@link #refuseNewStarts} was called: the start is being undone elsewhere. */
  public synchronized boolean refusing() {
    return refusing;
  }

  /** Starts {@code command} detached, logging to {@code logs/<name>.log}. */
  public synchronized ProcessRecord start(
      String name, List<String> command, Map<String, String> env, Path workDir) {
    if (refusing) {
      throw new NetworkException("not starting " + name + ": the start was interrupted");
    }
    try {
      Files.createDirectories(pidDir);
      Files.createDirectories(logDir);
      Files.createDirectories(workDir);
      List<String> full = new ArrayList<>();
      full.add("setsid");
      // Files the process creates (a peer's ledger and chaincode packages, which hold TLS keys) are
      // owner-only: umask 077, then exec, so the recorded pid is the process itself.
      full.addAll(List.of("sh", "-c", "umask 077 && exec \"$0\" \"$@\""));
      // Container mode: the same command, in a container on its host's pod. The recorded pid is
      // podman's, which forwards signals to the container (--sig-proxy, podman's default).
      full.addAll(
          containers == null
              ? command
              : containers.wrap(name, command, List.copyOf(env.keySet()), workDir));
      ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
      pb.environment().keySet().removeIf(k -> SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
      pb.environment().putAll(env);
      if (containers != null) {
        pb.environment().putAll(containers.podmanEnvironment());
      }
      Path log = logFile(name);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.start();
      Instant started = p.info().startInstant().orElse(Instant.now());
      ProcessRecord record = new ProcessRecord(name, p.pid(), started, String.join(" ", command));
      Files.writeString(pidFile(name), record.serialize(), StandardCharsets.UTF_8);
      LOG.debug("started {} (pid {})", name, p.pid());
      return record;
    } catch (IOException e) {
      throw new NetworkException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  public Path logFile(String name) {
    return logDir.resolve(name + ".log");
  }

  /** Every process with a pid file, alive or not, in start order. */
  public List<ProcessRecord> records() {
    if (!Files.isDirectory(pidDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(pidDir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .map(this::read)
          .sorted(Comparator.comparing(ProcessRecord::started))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops every recorded process: SIGTERM to all, then SIGKILL to whatever is still alive after
   * {@code grace}. Returns the names of the processes that had to be killed.
   */
  public synchronized List<String> stopAll(Duration grace) {
    List<ProcessRecord> records = records();
    List<ProcessHandle> live = new ArrayList<>();
    for (ProcessRecord r : records) {
      r.handle()
          .ifPresent(
              h -> {
                h.descendants().forEach(ProcessHandle::destroy);
                h.destroy();
                live.add(h);
              });
    }
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> killed = new ArrayList<>();
    for (ProcessRecord r : records) {
      r.handle()
          .ifPresent(
              h -> {
                waitFor(h, deadline);
                if (h.isAlive()) {
                  h.descendants().forEach(ProcessHandle::destroyForcibly);
                  h.destroyForcibly();
                  waitFor(h, System.nanoTime() + Duration.ofSeconds(5).toNanos());
                  killed.add(r.name());
                }
              });
    }
    // A podman killed by SIGKILL leaves its container behind: remove whatever is left.
    if (containers != null) {
      containers.removeAll();
    }
    for (ProcessRecord r : records) {
      try {
        Files.deleteIfExists(pidFile(r.name()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return killed;
  }

  /** Stops one recorded process (SIGTERM, then SIGKILL after {@code grace}) and forgets it. */
  public void stop(String name, Duration grace) {
    Path file = pidFile(name);
    if (!Files.exists(file)) {
      return;
    }
    read(file)
        .handle()
        .ifPresent(
            h -> {
              h.destroy();
              waitFor(h, System.nanoTime() + grace.toNanos());
              if (h.isAlive()) {
                h.destroyForcibly();
                waitFor(h, System.nanoTime() + Duration.ofSeconds(5).toNanos());
              }
            });
    if (containers != null) {
      containers.remove(name);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void waitFor(ProcessHandle h, long deadlineNanos) {
    while (h.isAlive() && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private ProcessRecord read(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
    try {
      return ProcessRecord.parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path pidFile(String name) {
    return pidDir.resolve(name + ".pid");
  }
}
