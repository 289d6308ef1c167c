package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.TestHttp;
import org.regnet.node.TestTls;
import org.regnet.node.store.InboxStore;

/**
 * Inbox streams over the node's real HTTPS for as long as a browser keeps them: one held for {@code
 * regnet.test.streamHoldSeconds} (5 s by default; `.ci/run` holds it the 10 minutes) stays
 * open with heartbeats throughout and still delivers an event at the end, well past the 5-minute
 * idle timeout streams used to have; another ends once its token expires.
 *
 * <p>Each test starts a node of its own, and the class runs concurrently with the module's other
 * test classes ({@code junit-platform.properties} enables parallel execution, but only for classes
 * that ask for it), so the long hold adds no serial time. Nothing here is shared with other
 * classes: ephemeral ports (listed through {@link ConcurrentNodes}), a temporary folder per node,
 * no static state. Two ten-minute waits are no timing assertions: the tests assert what still works
 * after them.
 */
@Execution(ExecutionMode.CONCURRENT)
class LongHeldStreamTest {
  private static final long HOLD_SECONDS = Long.getLong("regnet.test.streamHoldSeconds", 5);

  @Test
  void a_stream_held_for_the_configured_duration_keeps_its_heartbeats_and_delivers(
      @TempDir Path dir) throws Exception {
    // The token outlives the hold: only the hold, not the token, may end the stream here.
    long tokenMinutes = Math.max(30, HOLD_SECONDS / 60 + 5);
    Path cfg =
        TestConfigs.write(
            dir, "tokenTtlMinutes: " + tokenMinutes + "\nstream: { heartbeatMillis: 1000 }\n");
    Started n = start(cfg);
    try {
      String token = n.login();
      try (SSLSocket s = openStream(n.port(), token)) {
        InputStream in = s.getInputStream();
        assertThat(RawHttps.readLine(in)).isEqualTo("HTTP/1.1 200 OK");
        long start = System.nanoTime();
        int heartbeats = 0;
        while (System.nanoTime() - start < HOLD_SECONDS * 1_000_000_000L) {
          assertThat(RawHttps.readUntil(in, ": heartbeat")).as("stream still open").isTrue();
          heartbeats++;
        }
        assertThat(heartbeats).isGreaterThan(1);
        System.out.printf(
            "inbox stream held %d s: %d heartbeats%n",
            (System.nanoTime() - start) / 1_000_000_000L, heartbeats);

        // After the hold the same stream still carries news.
        InboxStore inbox = n.node().inbox();
        assertThat(
                inbox.process(
                    "tx-held/referral.submitted",
                    "referral.submitted",
                    "REF-0000000000000held",
                    "TRT-1",
                    "tx-held",
                    1,
                    "{\"objectId\":\"REF-0000000000000held\"}",
                    true))
            .isTrue();
        assertThat(RawHttps.readUntil(in, line -> line.contains("REF-0000000000000held")))
            .as("the event filed after the hold")
            .isTrue();
      }
    } finally {
      n.close();
    }
  }

  @Test
  void a_stream_ends_when_its_token_expires(@TempDir Path dir) throws Exception {
    Path cfg = TestConfigs.write(dir, "tokenTtlMinutes: 1\nstream: { heartbeatMillis: 200 }\n");
    Started n = start(cfg);
    try {
      String token = n.login();
      try (SSLSocket s = openStream(n.port(), token)) {
        InputStream in = s.getInputStream();
        assertThat(RawHttps.readLine(in)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(RawHttps.readUntil(in, ": heartbeat")).isTrue();
        // Heartbeats go on until the token's minute is up; then the node closes the stream.
        assertThat(RawHttps.readUntil(in, "never sent")).isFalse();
      }
      assertThat(
              TestHttp.send(n.http(), n.base(), "GET", "/v1/inbox", null, token, new String[0])
                  .statusCode())
          .as("the expired token is refused elsewhere too")
          .isEqualTo(401);
    } finally {
      n.close();
    }
  }

  /** A node of this class, with one user. */
  private record Started(ConcurrentNodes.Running running, String base, HttpClient http) {
    Node node() {
      return running.node();
    }

    int port() {
      return running.port();
    }

    String login() throws Exception {
      return TestHttp.login(http, base, "alice", "alice-password-123");
    }

    void close() {
      ConcurrentNodes.close(running);
    }
  }

  private static Started start(Path cfg) throws Exception {
    ConcurrentNodes.Running running = ConcurrentNodes.start(cfg, TestHttp.emptyLedger());
    running.node().userAdmin().create("alice", "case-officer", "alice-password-123");
    return new Started(
        running,
        "https://localhost:" + running.port(),
        TestTls.client(TestConfigs.tlsCa(cfg.getParent())));
  }

  private static SSLSocket openStream(int port, String token) throws Exception {
    SSLSocket s = RawHttps.connect("127.0.0.1", port);
    // A guard against a stream that hangs, not a timing: heartbeats come every second or faster.
    s.setSoTimeout(120_000);
    return RawHttps.requestStream(s, "", token, "0");
  }
}
