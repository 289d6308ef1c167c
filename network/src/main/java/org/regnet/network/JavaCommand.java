package org.regnet.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code java} command line of the network's own server JVMs (chaincode servers, nodes). */
final class JavaCommand {
  /** Replaces {@link #QUICK_START} when set, e.g. to an empty string for the full JIT. */
  static final String OPTIONS_ENV = "REGNET_SERVER_JVM_OPTS";

  /** Replaces the options for the authority nodes only, before {@link #OPTIONS_ENV}. */
  static final String NODE_OPTIONS_ENV = "REGNET_NODE_JVM_OPTS";

  /**
   * Only the first JIT tier: measured on 2 cores, a chaincode server then reaches its port with 4.1
   * instead of 6.5 CPU-seconds and a node with 2.9 instead of 4.5 (docs/benchmarks.md), and six of
   * them start at once. The C2 compiler's faster code matters little for these servers, whose time
   * per transaction is small beside the peers' and the orderers'.
   */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  private JavaCommand() {}

  /**
   * The running JVM's own {@code java} running {@code jar} with a fixed heap. The serial collector:
   * these JVMs have small heaps, and on a machine of few cores a parallel collector's threads
   * compete with the peers and orderers.
   */
  static List<String> server(Path jar, String maxHeap) {
    return command(jar, maxHeap, System.getenv(OPTIONS_ENV));
  }

  /** {@link #server} for an authority node, whose options {@link #NODE_OPTIONS_ENV} may replace. */
  static List<String> node(Path jar, String maxHeap) {
    String options = System.getenv(NODE_OPTIONS_ENV);
    return command(jar, maxHeap, options != null ? options : System.getenv(OPTIONS_ENV));
  }

  private static List<String> command(Path jar, String maxHeap, String options) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx" + maxHeap);
    command.add("-XX:+UseSerialGC");
    Arrays.stream((options == null ? QUICK_START : options).trim().split("\\s+"))
        .filter(o -> !o.isEmpty())
        .forEach(command::add);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }
}
