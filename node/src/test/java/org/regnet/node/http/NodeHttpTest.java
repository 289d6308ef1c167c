package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
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
import org.regnet.node.service.Ledger;

/**
 * The node's HTTPS API for real (Netty, TLS, Shiro, H2) on an ephemeral port, with an in-process
 * ledger that records calls: the attack list is answered precisely, without a 5xx, and refused
 * requests never reach the ledger.
 */
class NodeHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Node node;
  private static HttpClient http;
  private static String base;
  private static final List<String> ledgerCalls = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path cfg =
        TestConfigs.write(
            dir,
            """
        maxBodyBytes: 4096
        maxLoginFailures: 3
        lockoutSeconds: 60
        """);
    Path tlsCa = TestConfigs.tlsCa(dir);
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    node.userAdmin().create("alice", "case-officer", "alice-password-123");
    node.userAdmin().create("audrey", "auditor", "audrey-password-123");
    var address = node.startHttp(new RecordingLedger());
    base = "https://localhost:" + address.getPort();
    http = TestTls.client(tlsCa);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Records every call; answers as the chaincode would for a found object. */
  static final class RecordingLedger implements Ledger {
    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      ledgerCalls.add(user + " " + tx + " " + arg);
      return "{\"status\":\"ACKNOWLEDGED\"}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      ledgerCalls.add(user + " " + tx + " " + arg);
      return "{\"referralId\":\"REF-0123456789abcdef\"}";
    }
  }

  private static HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    return TestHttp.send(http, base, method, path, body, token);
  }

  private static String login(String user, String password) throws Exception {
    return TestHttp.login(http, base, user, password);
  }

  private static String code(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("error").path("code").asText();
  }

  /** Raw HTTP/1.1 over TLS, for paths java.net.http would normalise or refuse to send. */
  private static String raw(String requestLine) throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(
        null,
        new javax.net.ssl.TrustManager[] {
          new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
              return new java.security.cert.X509Certificate[0];
            }
          }
        },
        null);
    int port = URI.create(base).getPort();
    try (Socket s = trustAll.getSocketFactory().createSocket("localhost", port)) {
      ((SSLSocket) s).startHandshake();
      s.getOutputStream()
          .write(
              (requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void ambiguous_paths_are_refused_before_authentication_and_routing() throws Exception {
    for (String p :
        List.of(
            "/v1/referrals/..;/audit",
            "/v1/referrals/%2e%2e/audit",
            "/v1//referrals/inbox",
            "/v1/referrals%2finbox",
            "/v1/referrals\\inbox",
            "/v1/./health")) {
      String answer = raw("GET " + p + " HTTP/1.1");
      assertThat(answer).as(p).startsWith("HTTP/1.1 400").contains("AMBIGUOUS_PATH");
    }
  }

  @Test
  void missing_foreign_and_malformed_tokens_get_401() throws Exception {
    assertThat(send("GET", "/v1/referrals/REF-0123456789abcdef", null, null).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", "/v1/referrals/REF-0123456789abcdef", null, "A".repeat(43)).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", "/v1/referrals/REF-0123456789abcdef", null, "not a token").statusCode())
        .isEqualTo(401);
  }

  @Test
  void an_unknown_user_and_a_wrong_password_get_the_same_answer() throws Exception {
    HttpResponse<String> unknown =
        send(
            "POST",
            "/v1/auth/login",
            "{\"username\":\"nobody\",\"password\":\"whatever-password\"}",
            null);
    HttpResponse<String> wrong =
        send(
            "POST",
            "/v1/auth/login",
            "{\"username\":\"alice\",\"password\":\"whatever-password\"}",
            null);
    assertThat(unknown.statusCode()).isEqualTo(401).isEqualTo(wrong.statusCode());
    assertThat(unknown.body()).isEqualTo(wrong.body());
  }

  @Test
  void repeated_failures_lock_the_name_even_for_the_right_password() throws Exception {
    node.userAdmin().create("bob-locked", "auditor", "bob-password-1234");
    for (int i = 0; i < 3; i++) {
      send(
          "POST",
          "/v1/auth/login",
          "{\"username\":\"bob-locked\",\"password\":\"bad-password-xyz\"}",
          null);
    }
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/auth/login",
            "{\"username\":\"bob-locked\",\"password\":\"bob-password-1234\"}",
            null);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(code(r)).isEqualTo("LOCKED");
  }

  @Test
  void a_revoked_token_stops_working() throws Exception {
    String token = login("alice", "alice-password-123");
    assertThat(send("GET", "/v1/inbox", null, token).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v1/auth/logout", null, token).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/v1/inbox", null, token).statusCode()).isEqualTo(401);
  }

  @Test
  void a_role_without_the_permission_is_refused_and_the_ledger_is_not_called() throws Exception {
    String token = login("audrey", "audrey-password-123");
    int before = ledgerCalls.size();
    HttpResponse<String> r =
        send("POST", "/v1/referrals/REF-0123456789abcdef/acknowledge", null, token);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(code(r)).isEqualTo("FORBIDDEN");
    assertThat(ledgerCalls).hasSize(before);
  }

  @Test
  void bad_bodies_are_refused_naming_the_field_and_nothing_is_written() throws Exception {
    String token = login("alice", "alice-password-123");
    int before = ledgerCalls.size();
    HttpResponse<String> unknown =
        send(
            "POST",
            "/v1/referrals/REF-0123456789abcdef/close",
            "{\"outcome\":\"X\",\"evil\":1}",
            token);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("error").get("field").asText()).isEqualTo("evil");
    HttpResponse<String> missing =
        send("POST", "/v1/referrals/REF-0123456789abcdef/close", "{}", token);
    assertThat(JSON.readTree(missing.body()).get("error").get("field").asText())
        .isEqualTo("outcome");
    HttpResponse<String> type =
        send("POST", "/v1/referrals/REF-0123456789abcdef/close", "{\"outcome\":5}", token);
    assertThat(type.statusCode()).isEqualTo(400);
    HttpResponse<String> malformed =
        send("POST", "/v1/referrals/REF-0123456789abcdef/close", "{\"outcome\":", token);
    assertThat(malformed.statusCode()).isEqualTo(400);
    HttpResponse<String> duplicate =
        send(
            "POST",
            "/v1/referrals/REF-0123456789abcdef/close",
            "{\"outcome\":\"A\",\"outcome\":\"B\"}",
            token);
    assertThat(duplicate.statusCode()).isEqualTo(400);
    assertThat(ledgerCalls).hasSize(before);
  }

  @Test
  void an_oversized_body_gets_413_and_no_5xx() throws Exception {
    String token = login("alice", "alice-password-123");
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/referrals/REF-0123456789abcdef/close",
            "{\"outcome\":\"" + "x".repeat(10_000) + "\"}",
            token);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void unknown_routes_get_404_and_wrong_methods_405() throws Exception {
    String token = login("alice", "alice-password-123");
    assertThat(send("GET", "/v1/nothing-here", null, token).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/v1/referrals/REF-0123456789abcdef", null, token).statusCode())
        .isEqualTo(405);
  }

  @Test
  void the_openapi_document_lists_every_registered_route_with_its_permission() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/openapi.json", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    List<String> documented = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          documented.add(m.toUpperCase() + " " + p.getKey());
                          JsonNode op = p.getValue().get(m);
                          assertThat(op.has("x-permission") || op.get("security").isEmpty())
                              .as(p.getKey())
                              .isTrue();
                          assertThat(op.get("responses").has("200")).isTrue();
                        }));
    assertThat(documented)
        .contains(
            "POST /v1/auth/login",
            "POST /v1/referrals",
            "GET /v1/inbox/stream",
            "GET /v1/audit/objects/{objectId}",
            "POST /v1/referrals/{referralId}/payload-views");
    Set<String> publicRoutes =
        Set.of("POST /v1/auth/login", "GET /v1/health", "GET /v1/ready", "GET /v1/openapi.json");
    for (String d : documented) {
      String[] mp = d.split(" ", 2);
      JsonNode op = doc.get("paths").get(mp[1]).get(mp[0].toLowerCase());
      assertThat(op.has("x-permission")).as(d).isEqualTo(!publicRoutes.contains(d));
    }
  }
}
