package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.regnet.node.auth.AdminKey;
import org.regnet.node.auth.Passwords;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.service.CommitUnknownException;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;
import org.regnet.node.service.TransactionStatus;
import org.slf4j.LoggerFactory;

/**
 * The node's hardened HTTP surface for real (Netty, TLS, Shiro, H2) on ephemeral ports, with an
 * in-process ledger that records calls: quiet public routes, idempotent writes, 202 for an unknown
 * commit status, streams fit for browsers (the long hold and token expiry: {@link
 * LongHeldStreamTest}), in-order pipelining, JSON errors, the access log, the API documentation,
 * and a database that listens on no port.
 */
class NodeHardeningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Node node;
  private static HttpClient http;
  private static String base;
  private static int port;
  private static final List<String> calls = new CopyOnWriteArrayList<>();
  private static final List<Map<String, byte[]>> transients = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path cfg =
        TestConfigs.write(
            dir,
            """
        maxBodyBytes: 4096
        admin: { host: 127.0.0.1, port: 0 }
        stream: { heartbeatMillis: 200 }
        """);
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    node.userAdmin().create("alice", "case-officer", "alice-password-123");
    node.userAdmin().create("otto", "case-officer", "otto-password-1234");
    port = node.startHttp(new RecordingLedger()).getPort();
    base = "https://localhost:" + port;
    http = TestTls.client(TestConfigs.tlsCa(dir));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Records calls; "REF-slow" answers late, "REF-pending" has an unknown commit status. */
  static final class RecordingLedger implements Ledger {
    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      // a referral request travels in the transient map (ConfidentialLedger)
      String request =
          t.containsKey("request") ? new String(t.get("request"), StandardCharsets.UTF_8) : "";
      calls.add(user + " " + tx + " " + arg + request);
      transients.add(t);
      if (request.contains("REF-pending")) {
        throw new CommitUnknownException("a1b2c3d4e5f6");
      }
      if (arg.contains("TRT-MADE-BEFORE-A-CRASH")) {
        // As the chaincode answers a resubmission whose derived id names an existing agreement.
        throw new LedgerException(
            "CONFLICT", "CONFLICT: agreement AGR-00112233aabbccdd already exists");
      }
      return "{\"status\":\"CLOSED\",\"call\":" + calls.size() + "}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(user + " " + tx + " " + arg);
      if (arg != null && arg.contains("REF-slow")) {
        try {
          Thread.sleep(400); // time for a pipelined second request to overtake, were it allowed
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (tx.equals("agreement:get")) {
        return arg;
      }
      return "{\"referralId\":\"REF-0123456789abcdef\"}";
    }

    @Override
    public TransactionStatus status(String user, String txId) {
      return TransactionStatus.pending(txId);
    }
  }

  private static HttpResponse<String> send(
      String method, String path, String body, String token, String... headers) throws Exception {
    return TestHttp.send(http, base, method, path, body, token, headers);
  }

  private static String login(String user, String password) throws Exception {
    return TestHttp.login(http, base, user, password);
  }

  private static String code(String body) throws Exception {
    return JSON.readTree(body).path("error").path("code").asText();
  }

  // --- database ---

  @Test
  void no_open_tcp_port_belongs_to_the_database() throws Exception {
    int admin = node.adminAddress().orElseThrow().getPort();
    // This JVM listens on the API's port and the admin port, nothing else: H2 runs no server.
    // (Less the ports of nodes that classes running concurrently with this one have started.)
    assertThat(ConcurrentNodes.listeningExceptTheirs()).containsExactlyInAnyOrder(port, admin);
  }

  // --- quiet public routes ---

  @Test
  void metrics_are_not_on_the_public_listener_but_on_the_loopback_admin_one() throws Exception {
    assertThat(send("GET", "/v1/metrics", null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/health", null, null).statusCode()).isEqualTo(200);
    var admin = node.adminAddress().orElseThrow();
    assertThat(admin.getAddress().isLoopbackAddress()).isTrue();
    HttpResponse<String> m =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + admin.getPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body())
        .contains("regnet_http_requests_total{method=\"GET\",route=\"/v1/health\"")
        .contains("regnet_inbox_quarantined 0")
        .contains("regnet_login_memory_in_use_kib");
  }

  @Test
  void the_admin_listener_disables_a_user_at_once_given_the_key_from_the_node_secret()
      throws Exception {
    node.userAdmin().create("dora", "auditor", "dora-password-1234");
    String token = login("dora", "dora-password-1234");
    assertThat(send("GET", "/v1/inbox", null, token).statusCode()).isEqualTo(200);
    int admin = node.adminAddress().orElseThrow().getPort();
    HttpClient plain = HttpClient.newHttpClient();
    URI disable = URI.create("http://127.0.0.1:" + admin + "/users/dora/disable");
    HttpResponse<String> keyless =
        plain.send(
            HttpRequest.newBuilder(disable).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(keyless.statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/inbox", null, token).statusCode()).isEqualTo(200);

    HttpResponse<String> keyed =
        plain.send(
            HttpRequest.newBuilder(disable)
                .header(AdminKey.HEADER, AdminKey.derive(TestConfigs.SECRET))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(send("GET", "/v1/inbox", null, token).statusCode()).isEqualTo(401);
  }

  @Test
  void ready_answers_from_a_cached_probe_with_the_follower_position() throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = send("GET", "/v1/ready", null, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).at("/follower/checkpointBlock").asLong()).isZero();
    }
    // Five anonymous calls within the cache period: the ledger was asked once.
    assertThat(calls.stream().filter(c -> c.contains("meta:version"))).hasSize(1);
  }

  // --- HTTP details ---

  @Test
  void an_oversized_body_gets_413_in_the_json_error_format() throws Exception {
    String token = login("alice", "alice-password-123");
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/referrals/REF-0123456789abcdef/close",
            "{\"outcome\":\"" + "x".repeat(10_000) + "\"}",
            token);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(code(r.body())).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void an_unknown_role_in_the_database_gets_403_not_500() throws Exception {
    node.users()
        .create(
            "ghost",
            "role-from-the-future",
            new Passwords().hash("ghost-password-123"),
            "no certificate",
            "no key");
    String token = login("ghost", "ghost-password-123");
    HttpResponse<String> r = send("GET", "/v1/inbox", null, token);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(code(r.body())).isEqualTo("FORBIDDEN");
  }

  @Test
  void pipelined_requests_are_answered_in_the_order_they_came() throws Exception {
    String token = login("alice", "alice-password-123");
    try (SSLSocket s = RawHttps.connect("127.0.0.1", port)) {
      String slow =
          "GET /v1/referrals/REF-slow HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + token
              + "\r\n\r\n";
      String quick = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
      // Both requests in one TLS write: the quick one must not overtake the slow one.
      s.getOutputStream().write((slow + quick).getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String answers = RawHttps.readAll(s.getInputStream());
      int first = answers.indexOf("REF-0123456789abcdef");
      int second = answers.indexOf("\"UP\"");
      assertThat(first).isPositive();
      assertThat(second).isGreaterThan(first);
    }
  }

  @Test
  void the_access_log_names_the_user_and_client_address_but_no_values() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try {
      String token = login("alice", "alice-password-123");
      send("GET", "/v1/referrals/REF-00000000secret1", null, token);
    } finally {
      access.detachAppender(lines);
    }
    List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .anyMatch(
            m ->
                m.startsWith("GET /v1/referrals/{referralId} 200")
                    && m.contains("user=alice")
                    && m.contains("client=127.0.0.1"));
    assertThat(String.join("\n", messages)).doesNotContain("secret1").doesNotContain("password");
  }

  // --- idempotent writes ---

  @Test
  void a_retry_with_the_same_idempotency_key_gets_the_first_outcome_and_writes_once()
      throws Exception {
    String token = login("alice", "alice-password-123");
    String path = "/v1/referrals/REF-0123456789abcdef/close";
    int before = calls.size();
    HttpResponse<String> first =
        send("POST", path, "{\"outcome\":\"NO_ACTION\"}", token, "Idempotency-Key", "close-0001");
    HttpResponse<String> retry =
        send("POST", path, "{\"outcome\":\"NO_ACTION\"}", token, "Idempotency-Key", "close-0001");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(submits(before)).hasSize(1);
    // The ledger call carried the key, scoped to the user, in the transient map only.
    Map<String, byte[]> t = transients.get(transients.size() - 1);
    assertThat(t).containsKey("idempotencyKey");
    assertThat(new String(t.get("idempotencyKey"), StandardCharsets.UTF_8))
        .hasSize(64)
        .doesNotContain("close-0001");
    assertThat(submits(before).get(0)).doesNotContain("close-0001");

    HttpResponse<String> reused =
        send("POST", path, "{\"outcome\":\"OTHER\"}", token, "Idempotency-Key", "close-0001");
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(code(reused.body())).isEqualTo("IDEMPOTENCY_KEY_REUSED");

    // Another user's equal key is another request.
    String otto = login("otto", "otto-password-1234");
    assertThat(
            send("POST", path, "{\"outcome\":\"NO_ACTION\"}", otto, "Idempotency-Key", "close-0001")
                .statusCode())
        .isEqualTo(200);
    assertThat(submits(before)).hasSize(2);
  }

  /** The close submissions since call {@code from} (each is followed by its read-back). */
  private static List<String> submits(int from) {
    return calls.subList(from, calls.size()).stream()
        .filter(c -> c.contains(" referral:close "))
        .toList();
  }

  @Test
  void a_keyed_retry_that_meets_the_agreement_made_before_a_crash_answers_that_agreement()
      throws Exception {
    node.userAdmin().create("tessa", "treaty-admin", "tessa-password-123");
    String token = login("tessa", "tessa-password-123");
    String body =
        "{\"treatyId\":\"TRT-MADE-BEFORE-A-CRASH\",\"counterparty\":\"OtherMSP\",\"scope\":{},"
            + "\"validFrom\":\"2025-01-01T00:00:00Z\",\"validUntil\":\"2030-01-01T00:00:00Z\"}";
    HttpResponse<String> keyed =
        send("POST", "/v1/agreements", body, token, "Idempotency-Key", "agreement-0001");
    assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(200);
    assertThat(JSON.readTree(keyed.body()).get("agreementId").asText())
        .isEqualTo("AGR-00112233aabbccdd");
    // Without a key, the same CONFLICT is just a conflict.
    HttpResponse<String> plain = send("POST", "/v1/agreements", body, token);
    assertThat(plain.statusCode()).isEqualTo(409);
  }

  @Test
  void a_write_whose_commit_status_is_unknown_answers_202_with_a_status_url() throws Exception {
    String token = login("alice", "alice-password-123");
    HttpResponse<String> r =
        send("POST", "/v1/referrals/REF-pending/close", "{\"outcome\":\"NO_ACTION\"}", token);
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("transactionId").asText()).isEqualTo("a1b2c3d4e5f6");
    assertThat(body.get("statusUrl").asText()).isEqualTo("/v1/transactions/a1b2c3d4e5f6");
    assertThat(r.headers().firstValue("location")).hasValue("/v1/transactions/a1b2c3d4e5f6");
    HttpResponse<String> status = send("GET", "/v1/transactions/a1b2c3d4e5f6", null, token);
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(status.body()).get("status").asText()).isEqualTo("PENDING");
  }

  @Test
  void a_retry_of_a_write_answered_202_runs_again_rather_than_replaying_pending() throws Exception {
    String token = login("alice", "alice-password-123");
    String path = "/v1/referrals/REF-pending/close";
    int before = calls.size();
    HttpResponse<String> first =
        send("POST", path, "{\"outcome\":\"NO_ACTION\"}", token, "Idempotency-Key", "pend-0001");
    HttpResponse<String> retry =
        send("POST", path, "{\"outcome\":\"NO_ACTION\"}", token, "Idempotency-Key", "pend-0001");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(calls.subList(before, calls.size())).hasSize(2);
  }

  // --- streams ---

  private static SSLSocket openStream(String auth, String query, String lastEventId)
      throws Exception {
    return RawHttps.requestStream(RawHttps.connect("127.0.0.1", port), query, auth, lastEventId);
  }

  @Test
  void a_malformed_last_event_id_gets_400_in_json() throws Exception {
    String token = login("alice", "alice-password-123");
    HttpResponse<String> r =
        send("GET", "/v1/inbox/stream", null, token, "Last-Event-ID", "not-a-number");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(code(r.body())).isEqualTo("VALIDATION_FAILED");
    assertThat(JSON.readTree(r.body()).at("/error/field").asText()).isEqualTo("Last-Event-ID");
  }

  @Test
  void an_idle_stream_gets_heartbeats_and_ends_when_its_token_is_revoked() throws Exception {
    String token = login("alice", "alice-password-123");
    try (SSLSocket s = openStream(token, "", "0")) {
      InputStream in = s.getInputStream();
      assertThat(RawHttps.readLine(in)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(RawHttps.readUntil(in, ": heartbeat")).isTrue();
      assertThat(send("POST", "/v1/auth/logout", null, token).statusCode()).isEqualTo(200);
      // The next heartbeat re-checks the token: the stream ends (the server closes it).
      assertThat(RawHttps.readUntil(in, "never sent")).isFalse();
    }
  }

  @Test
  void a_stream_ticket_opens_the_stream_once_without_a_bearer_header() throws Exception {
    String token = login("alice", "alice-password-123");
    HttpResponse<String> t = send("POST", "/v1/inbox/stream-ticket", null, token);
    assertThat(t.statusCode()).isEqualTo(200);
    String ticket = JSON.readTree(t.body()).get("ticket").asText();
    try (SSLSocket s = openStream(null, "?ticket=" + ticket, null)) {
      InputStream in = s.getInputStream();
      assertThat(RawHttps.readLine(in)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(RawHttps.readUntil(in, ": heartbeat")).isTrue();
    }
    HttpResponse<String> again = send("GET", "/v1/inbox/stream?ticket=" + ticket, null, null);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(code(again.body())).isEqualTo("UNAUTHENTICATED");
  }

  // --- API documentation ---

  @Test
  void the_openapi_document_is_valid_and_every_reference_is_defined() throws Exception {
    String doc = send("GET", "/v1/openapi.json", null, null).body();
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc, null, null);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).containsKey("/v1/inbox/stream-ticket");
    JsonNode schemas = JSON.readTree(doc).at("/components/schemas");
    Matcher refs = Pattern.compile("\"#/components/schemas/([A-Za-z]+)\"").matcher(doc);
    List<String> dangling = new ArrayList<>();
    while (refs.find()) {
      if (!schemas.has(refs.group(1))) {
        dangling.add(refs.group(1));
      }
    }
    assertThat(dangling).isEmpty();
    // Every response of every operation has a schema.
    JSON.readTree(doc)
        .get("paths")
        .forEach(
            item ->
                item.forEach(
                    op ->
                        op.get("responses")
                            .forEach(
                                res ->
                                    assertThat(res.at("/content").elements().next().has("schema"))
                                        .isTrue())));
  }

  @Test
  void swagger_ui_is_served_from_the_webjar_under_a_strict_content_security_policy()
      throws Exception {
    HttpResponse<String> page = send("GET", "/v1/docs", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    String csp = page.headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
    // No inline script: every <script> loads a file from the node itself.
    Matcher scripts = Pattern.compile("<script([^>]*)>([^<]*)</script>").matcher(page.body());
    int n = 0;
    while (scripts.find()) {
      n++;
      assertThat(scripts.group(1)).contains("src=\"/v1/docs/");
      assertThat(scripts.group(2)).isBlank();
    }
    assertThat(n).isEqualTo(3);
    assertThat(page.body()).doesNotContain("http://").doesNotContain("https://");
    for (String f : List.of("swagger-ui-bundle.js", "swagger-initializer.js", "swagger-ui.css")) {
      HttpResponse<String> r = send("GET", "/v1/docs/" + f, null, null);
      assertThat(r.statusCode()).as(f).isEqualTo(200);
      assertThat(r.body()).as(f).isNotEmpty();
    }
    assertThat(send("GET", "/v1/docs/swagger-initializer.js", null, null).body())
        .contains("/v1/openapi.json");
  }
}
