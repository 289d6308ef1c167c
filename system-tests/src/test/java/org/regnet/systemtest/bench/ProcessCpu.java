package org.regnet.systemtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by each process of the network, grouped by kind, read from {@code
 * /proc/<pid>/stat} (utime + stime) for the pids in the state directory's processes/ files. Two
 * snapshots around a round give what each kind spent during it.
 */
public final class ProcessCpu {
  private static final double TICKS = 100.0; // USER_HZ on Linux

  private ProcessCpu() {}

  /** CPU seconds by kind (orderer, peer, chaincode, node, other) plus "bench" for this JVM. */
  public static Map<String, Double> snapshot(Path processesDir) {
    Map<String, Double> byKind = new TreeMap<>();
    try (Stream<Path> files = Files.list(processesDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".pid")) {
          continue;
        }
        long pid = Long.parseLong(Files.readAllLines(f).get(0).trim());
        byKind.merge(kind(name), seconds(pid), Double::sum);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byKind.put("bench", seconds(ProcessHandle.current().pid()));
    return byKind;
  }

  /** after - before, per kind. */
  public static Map<String, Double> spent(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> d = new TreeMap<>();
    after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
    return d;
  }

  static String kind(String pidFile) {
    String n = pidFile.toLowerCase(java.util.Locale.ROOT);
    if (n.contains("orderer")) {
      return "orderer";
    }
    if (n.contains("chaincode") || n.contains("ccaas") || n.startsWith("cc")) {
      return "chaincode";
    }
    if (n.contains("peer")) {
      return "peer";
    }
    if (n.contains("node")) {
      return "node";
    }
    return "other";
  }

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    } catch (IOException e) {
      return 0.0; // the process is gone
    }
  }
}
