package org.regnet.network.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.regnet.network.NetworkException;
import org.regnet.network.config.Endpoint;

/** Port checks: is a port free before start, is a process listening after. */
public final class Ports {
  private Ports() {}

  /** True when nothing listens on the endpoint and we could bind it. */
  public static boolean isFree(Endpoint e) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(e.host(), e.port()));
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  public static boolean isListening(Endpoint e) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(e.host(), e.port()), 500);
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  /**
   * Waits until {@code process} listens on {@code e}; fails at once, quoting its log, if the
   * process ends first.
   */
  public static void awaitListening(Endpoint e, ProcessRecord process, Path log, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new NetworkException(
            process.name()
                + " exited during start-up; last lines of "
                + log
                + ":\n"
                + tail(log, 15));
      }
      if (isListening(e)) {
        return;
      }
      sleep(100);
    }
    throw new NetworkException(
        process.name()
            + " did not listen on "
            + e
            + " within "
            + timeout.toSeconds()
            + "s; see "
            + log);
  }

  static String tail(Path log, int lines) {
    try {
      if (!Files.exists(log)) {
        return "(no log)";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new NetworkException("interrupted");
    }
  }
}
