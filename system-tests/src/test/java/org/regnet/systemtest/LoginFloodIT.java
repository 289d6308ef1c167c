package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.LoginFlood;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.TestNetwork;

/**
 * A login flood against a real node on the real network, with the node's default heap: 200
 * concurrent HTTPS clients in a process of their own ({@link LoginFlood}), each from its own
 * loopback address (so per-address throttling does not make the flood cheap), three wrong-password
 * logins each on fresh TLS connections, a quarter naming A's investigator. Every attempt gets an
 * answer, 401 or a 429/503 with Retry-After: no reset, no silent close; the node logs no
 * OutOfMemoryError; and a logged-in user's {@code GET /v1/inbox} keeps answering 200 throughout.
 * The inbox p99 during the flood against idle is printed and recorded in docs/benchmarks.md, not
 * asserted: speed is measured, not asserted in tests (the one CI run that asserted it failed at
 * 2.59 while other builds shared the two cores; decision 0025 has the figures).
 *
 * <p>The flood process runs at normal CPU priority: the node must answer every attempt even when
 * the attacker's clients get their full share of the machine. It used to run at {@code nice 19} (an
 * attacker's own CPU is on another machine), but on a loaded CI machine the flood's threads were
 * then starved for over a minute between two handshake messages, and the node rightly closed them
 * as idle clients (its 60 s handshake timeout counts the client's time): the test could not tell
 * that from a silent close. To measure the inbox ratio against a remote-like attacker, run with
 * {@code -Dregnet.flood.nice=19} (how docs/benchmarks.md's figure was taken). The idle p99 is taken
 * from samples before and after the flood, so slow drift of the machine's load falls on both sides
 * of the ratio.
 */
class LoginFloodIT {
  private static final int A = 0;
  private static final int CLIENTS = 200;
  private static final int ROUNDS = 3;
  private static final int IDLE_SAMPLES = 300;
  private static final int NICE = Integer.getInteger("regnet.flood.nice", 0);

  @Test
  void two_hundred_concurrent_logins_are_all_answered_and_inbox_reads_keep_their_pace()
      throws Exception {
    TestNetwork net = TestNetwork.shared();
    JsonNode org = net.organization(A);
    NodeClient client = new NodeClient(org);
    String token = NodeClient.login(client, org, "case-officer");
    URI node = URI.create(org.get("nodeUrl").asText());
    String investigator = username(org, "investigator");

    for (int i = 0; i < 100; i++) { // warm-up: connection, JIT, caches
      inbox(client, token);
    }
    List<Long> idle = new ArrayList<>();
    for (int i = 0; i < IDLE_SAMPLES; i++) {
      idle.add(inbox(client, token));
    }

    Process flood =
        new ProcessBuilder(
                "nice",
                "-n",
                String.valueOf(NICE),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                // The flood needs only its own class (JDK alone): its classes directory.
                Path.of(
                        LoginFlood.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString(),
                LoginFlood.class.getName(),
                node.getHost(),
                String.valueOf(node.getPort()),
                "127.0.2.",
                String.valueOf(CLIENTS),
                String.valueOf(ROUNDS),
                investigator)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(flood.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("READY");
    CompletableFuture<List<String>> lines =
        CompletableFuture.supplyAsync(() -> out.lines().toList());

    List<Long> loaded = new ArrayList<>();
    while (flood.isAlive()) {
      loaded.add(inbox(client, token));
    }
    assertThat(flood.waitFor()).isZero();
    List<Long> idleAfter = new ArrayList<>();
    for (int i = 0; i < IDLE_SAMPLES; i++) {
      idleAfter.add(inbox(client, token));
    }
    idle.addAll(idleAfter);

    String summary =
        lines.get().stream()
            .filter(l -> l.startsWith("OUTCOMES "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the flood printed no outcomes"));
    Map<String, Integer> outcomes = parse(summary.substring("OUTCOMES ".length()));
    lines.get().stream().filter(l -> l.startsWith("DETAIL ")).forEach(System.out::println);
    System.out.printf(
        "login flood (%d clients x %d, nice %d): %s; GET /v1/inbox p50 idle %.1f ms, flood %.1f ms; p99 idle"
            + " %.1f ms, flood %.1f ms (%d idle, %d flood samples); ratio %.2f%n",
        CLIENTS,
        ROUNDS,
        NICE,
        outcomes,
        percentile(idle, 0.5) / 1e6,
        percentile(loaded, 0.5) / 1e6,
        percentile(idle, 0.99) / 1e6,
        percentile(loaded, 0.99) / 1e6,
        idle.size(),
        loaded.size(),
        (double) percentile(loaded, 0.99) / percentile(idle, 0.99));

    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(CLIENTS * ROUNDS);
    assertThat(outcomes.keySet())
        .as("every attempt answered")
        .isSubsetOf(Set.of("401", "429", "503"));
    assertThat(outcomes).containsKey("401"); // some were verified, not all shed
    Path log = net.network().supervisor().logFile(nodeName(net));
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    assertThat(loaded).as("inbox reads during the flood").hasSizeGreaterThanOrEqualTo(200);

    // The investigator the flood named still logs in, from their own address.
    assertThat(NodeClient.login(client, org, "investigator")).isNotEmpty();
  }

  /** The time of one {@code GET /v1/inbox}, in nanoseconds; it must answer 200. */
  private static long inbox(NodeClient client, String token) {
    long t = System.nanoTime();
    NodeClient.Answer a = client.call("GET", "/v1/inbox?limit=20", null, token);
    long took = System.nanoTime() - t;
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return took;
  }

  private static String username(JsonNode org, String role) {
    for (JsonNode u : org.get("users")) {
      if (u.get("role").asText().equals(role)) {
        return u.get("username").asText();
      }
    }
    throw new IllegalArgumentException("no demo user with role " + role);
  }

  private static String nodeName(TestNetwork net) {
    OrganizationDefinition a = net.network().definition().organizations().get(A);
    return a.nodeHostName();
  }

  /** {@code {401=30, 503=570}} as a map. */
  private static Map<String, Integer> parse(String map) {
    Map<String, Integer> m = new TreeMap<>();
    String inner = map.trim().substring(1, map.trim().length() - 1);
    if (inner.isBlank()) {
      return m;
    }
    for (String entry : inner.split(", ")) {
      String[] kv = entry.split("=");
      m.put(kv[0], Integer.parseInt(kv[1]));
    }
    return m;
  }

  private static long percentile(List<Long> samples, double q) {
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
  }
}
