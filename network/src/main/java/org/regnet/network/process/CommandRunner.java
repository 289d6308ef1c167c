package org.regnet.network.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.regnet.network.NetworkException;

/**
 * Runs a short-lived command (a Fabric CLI call) to completion. Its output is appended to a log
 * file and returned; a non-zero exit becomes a {@link NetworkException} quoting the output, so a
 * failed step says why.
 */
public final class CommandRunner {
  private static final List<String> SCRUBBED_PREFIXES =
      List.of("CORE_", "ORDERER_", "FABRIC_", "CHAINCODE_");

  private final Path log;

  public CommandRunner(Path log) {
    this.log = log;
  }

  public String run(String what, List<String> command, Map<String, String> env, Duration timeout) {
    return run(what, command, env, timeout, true);
  }

  /** Like {@link #run}, but returns standard output only (standard error goes to the log). */
  public String stdout(
      String what, List<String> command, Map<String, String> env, Duration timeout) {
    return run(what, command, env, timeout, false);
  }

  private String run(
      String what, List<String> command, Map<String, String> env, Duration timeout, boolean merge) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(merge);
      if (!merge) {
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      }
      pb.environment().keySet().removeIf(k -> SCRUBBED_PREFIXES.stream().anyMatch(k::startsWith));
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new NetworkException(what + ": timed out after " + timeout.toSeconds() + "s");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      Files.writeString(
          log,
          "$ " + String.join(" ", command) + "\n" + text + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (p.exitValue() != 0) {
        throw new NetworkException(
            what + " failed (exit " + p.exitValue() + "):\n" + lastLines(text));
      }
      return text;
    } catch (IOException e) {
      throw new NetworkException(what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(what + ": interrupted", e);
    }
  }

  /** The lines that say what went wrong: Fabric's "Error:" lines if any, else the last few. */
  private static String lastLines(String text) {
    List<String> lines = text.strip().lines().toList();
    List<String> errors = lines.stream().filter(l -> l.startsWith("Error")).toList();
    List<String> shown = errors.isEmpty() ? lines : errors;
    return String.join("\n", shown.subList(Math.max(0, shown.size() - 8), shown.size()));
  }
}
