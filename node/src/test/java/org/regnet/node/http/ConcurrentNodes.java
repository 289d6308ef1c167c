package org.regnet.node.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.service.Ledger;

/**
 * Nodes started by test classes that run concurrently with the rest of this module's tests (JUnit's
 * {@code @Execution(CONCURRENT)}, see {@code junit-platform.properties}), and the ports they listen
 * on.
 *
 * <p>Why: {@code NodeHardeningTest} proves that the node's database listens on no port by checking
 * that this JVM listens on its node's ports and nothing else. A concurrent class's node listens in
 * the same JVM. Starting, closing and reading the ports under one lock keeps that check exact: a
 * port is either bound and listed here, or not bound at all.
 */
final class ConcurrentNodes {
  private static final Set<Integer> PORTS = new HashSet<>();

  private ConcurrentNodes() {}

  /** A node started here and its HTTPS port. */
  record Running(Node node, int port) {}

  /** Starts a node from {@code config} on {@code ledger} and lists its HTTPS and admin ports. */
  static synchronized Running start(Path config, Ledger ledger) throws Exception {
    Node node =
        new Node(NodeConfigLoader.load(config, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    try {
      int port = node.startHttp(ledger).getPort();
      PORTS.add(port);
      node.adminAddress().ifPresent(a -> PORTS.add(a.getPort()));
      return new Running(node, port);
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
  }

  /** Closes the node (its listeners are unbound when this returns) and forgets its ports. */
  static synchronized void close(Running running) {
    running.node().adminAddress().ifPresent(a -> PORTS.remove(a.getPort()));
    running.node().close();
    PORTS.remove(running.port());
  }

  /** The ports this JVM listens on, less those of the nodes started here. */
  static synchronized Set<Integer> listeningExceptTheirs() throws IOException {
    Set<Integer> ports = new TreeSet<>(ListeningSockets.ofThisProcess());
    ports.removeAll(PORTS);
    return ports;
  }
}
