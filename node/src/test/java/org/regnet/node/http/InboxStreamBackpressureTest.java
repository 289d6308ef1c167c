package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.TestHttp;
import org.regnet.node.TestTls;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.store.InboxStore;

/**
 * A slow stream reader, for real (Netty, TLS, H2): while its client reads nothing, the node stops
 * reading the inbox for that stream (it holds Netty's write buffer and one batch, no more) and
 * serves everyone else; when the client reads again it gets every item once, in order.
 */
class InboxStreamBackpressureTest {
  private static final int ITEMS = 600;
  private static final Pattern PAUSED = Pattern.compile("(?m)^regnet_streams_paused (\\d+)$");
  @TempDir static Path dir;
  private static Node node;
  private static HttpClient http;
  private static String base;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path cfg = TestConfigs.write(dir, "admin: { host: 127.0.0.1, port: 0 }\n");
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    node.userAdmin().create("alice", "case-officer", "alice-password-123");
    port = node.startHttp(TestHttp.emptyLedger()).getPort();
    base = "https://localhost:" + port;
    http = TestTls.client(TestConfigs.tlsCa(dir));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static int pausedStreams() throws Exception {
    var admin = node.adminAddress().orElseThrow();
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + admin.getPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = PAUSED.matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Files {@code ITEMS} relevant events of about 32 KiB each: some 19 MiB in all. */
  private static void fileEvents() {
    InboxStore inbox = node.inbox();
    String pad = "x".repeat(32 * 1024);
    for (int i = 0; i < ITEMS; i++) {
      String payload = "{\"objectId\":\"REF-" + i + "\",\"pad\":\"" + pad + "\"}";
      assertThat(
              inbox.process(
                  "tx-" + i + "/referral.submitted",
                  "referral.submitted",
                  "REF-" + i,
                  "TRT-1",
                  "tx-" + i,
                  1 + i / 50,
                  payload,
                  true))
          .isTrue();
    }
  }

  @Test
  void a_slow_reader_pauses_its_own_stream_only_and_then_gets_every_item_once_in_order()
      throws Exception {
    String token = TestHttp.login(http, base, "alice", "alice-password-123");
    fileEvents();
    // A client with a small receive buffer that reads nothing for now.
    try (SSLSocket s = RawHttps.connect("127.0.0.1", port, 4096)) {
      RawHttps.requestStream(s, "", token, "0");

      // The node notices that the client does not keep up and stops reading for it.
      while (pausedStreams() != 1) {
        Thread.sleep(50);
      }
      // Others are served meanwhile.
      for (int i = 0; i < 5; i++) {
        assertThat(TestHttp.send(http, base, "GET", "/v1/inbox", null, token).statusCode())
            .isEqualTo(200);
      }
      assertThat(pausedStreams()).isEqualTo(1);

      // The client reads again: every item, once, in order.
      InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
      assertThat(RawHttps.readLine(in)).isEqualTo("HTTP/1.1 200 OK");
      List<Long> ids = new ArrayList<>();
      String line;
      while (ids.size() < ITEMS && (line = RawHttps.readLine(in)) != null) {
        if (line.startsWith("id: ")) {
          ids.add(Long.parseLong(line.substring(4)));
        }
      }
      assertThat(ids).hasSize(ITEMS).isSorted().doesNotHaveDuplicates();
      assertThat(ids.get(ITEMS - 1) - ids.get(0)).isEqualTo(ITEMS - 1);
      while (pausedStreams() != 0) {
        Thread.sleep(50);
      }
    }
  }
}
