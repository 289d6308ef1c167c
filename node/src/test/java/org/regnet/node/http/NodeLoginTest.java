package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.TestHttp;
import org.regnet.node.TestTls;
import org.regnet.node.config.NodeConfigLoader;

/**
 * Logins the node can afford, for real (Netty, TLS, Shiro, Argon2id, H2), in the test JVM's heap of
 * 384 MiB (the node's default, set for these tests in the pom): a flood of wrong passwords is
 * answered 401, 429 or 503 and never takes the node down, and a stranger failing on purpose cannot
 * lock a named user out. Clients come from distinct loopback addresses.
 */
class NodeLoginTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Node node;
  private static HttpClient http;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path cfg = TestConfigs.write(dir, "maxLoginFailures: 3\n");
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    node.userAdmin().create("alice", "case-officer", "alice-password-123");
    node.userAdmin().create("ivan", "investigator", "ivan-password-1234");
    node.userAdmin().create("vera", "investigator", "vera-password-1234");
    port = node.startHttp(TestHttp.emptyLedger()).getPort();
    http = TestTls.client(TestConfigs.tlsCa(dir));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String login(String from, String user, String password) throws Exception {
    RawHttps.Response r =
        RawHttps.post(
            from,
            port,
            "/v1/auth/login",
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
            null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private static int inbox(String token) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1/inbox"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static long p99(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
  }

  @Test
  void two_hundred_concurrent_wrong_logins_get_only_401_429_or_503_and_the_node_stays_usable()
      throws Exception {
    String alice = login("127.0.0.1", "alice", "alice-password-123");
    List<Long> idle = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long t = System.nanoTime();
      assertThat(inbox(alice)).isEqualTo(200);
      idle.add(System.nanoTime() - t);
    }

    ExecutorService attackers = Executors.newFixedThreadPool(200);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RawHttps.Response>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = i % 4 == 0 ? "ivan" : "user-" + i;
      answers.add(
          attackers.submit(
              () -> {
                go.await();
                return RawHttps.post(
                    "127.0.0.2",
                    port,
                    "/v1/auth/login",
                    "{\"username\":\"" + name + "\",\"password\":\"wrong-password-123\"}",
                    null);
              }));
    }
    go.countDown();
    List<Long> loaded = new ArrayList<>();
    while (answers.stream().anyMatch(f -> !f.isDone())) {
      long t = System.nanoTime();
      assertThat(inbox(alice)).isEqualTo(200);
      loaded.add(System.nanoTime() - t);
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<RawHttps.Response> f : answers) {
      RawHttps.Response r = f.get();
      statuses.merge(r.status(), 1, Integer::sum);
      if (r.status() == 503 || r.status() == 429) {
        assertThat(r.header("Retry-After")).as(r.head()).matches("[1-9][0-9]*");
      }
      assertThat(JSON.readTree(r.body()).path("error").path("code").asText())
          .isIn("LOGIN_FAILED", "LOCKED", "BUSY");
    }
    attackers.shutdown();

    assertThat(statuses.keySet()).isSubsetOf(Set.of(401, 429, 503));
    assertThat(inbox(alice)).isEqualTo(200);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/v1/health"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    // The investigator the flood named logs in from their own address.
    login("127.0.0.3", "ivan", "ivan-password-1234");
    System.out.printf(
        "login flood: statuses %s; GET /v1/inbox p99 idle %.1f ms, under the flood %.1f ms (%d"
            + " requests)%n",
        statuses, p99(idle) / 1e6, p99(loaded) / 1e6, loaded.size());
  }

  @Test
  void a_stranger_failing_on_purpose_does_not_lock_out_the_named_user() throws Exception {
    List<Integer> stranger = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      stranger.add(
          RawHttps.post(
                  "127.0.0.4",
                  port,
                  "/v1/auth/login",
                  "{\"username\":\"vera\",\"password\":\"guessing-password-" + i + "\"}",
                  null)
              .status());
    }
    assertThat(stranger).startsWith(401, 401, 401).contains(429);
    RawHttps.Response fromStranger =
        RawHttps.post(
            "127.0.0.4",
            port,
            "/v1/auth/login",
            "{\"username\":\"vera\",\"password\":\"vera-password-1234\"}",
            null);
    assertThat(fromStranger.status()).isEqualTo(429);
    assertThat(fromStranger.header("Retry-After")).isNotNull();

    // Vera, from her own address, is not affected.
    login("127.0.0.5", "vera", "vera-password-1234");
  }
}
