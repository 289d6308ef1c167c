package org.regnet.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code java} command line of the network's own server JVMs (chaincode servers, nodes). */
final class JavaCommand {
  private JavaCommand() {}

  /**
   * The running JVM's own {@code java} running {@code jar} with a fixed heap and its class-data
   * archive ({@link ClassDataArchive}). The serial collector: these JVMs have small heaps, and on a
   * machine of few cores a parallel collector's threads compete with the peers and orderers.
   */
  static List<String> server(Path jar, String maxHeap) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx" + maxHeap);
    command.add("-XX:+UseSerialGC");
    command.addAll(ClassDataArchive.options(jar));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }
}
