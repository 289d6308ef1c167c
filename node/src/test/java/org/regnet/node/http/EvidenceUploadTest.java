package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Uploading a document through the node's HTTPS API for real (Netty, TLS, Shiro, H2, the evidence
 * store), with an in-process ledger that records calls: the body streams past the 4 KiB body limit,
 * the hash is checked, roles and tokens are enforced.
 */
class EvidenceUploadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Node node;
  private static HttpClient http;
  private static String base;
  private static final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path cfg =
        TestConfigs.write(
            dir,
            """
            maxBodyBytes: 4096
            evidence:
              listen: { host: 127.0.0.1, port: 0 }
              receiptUser: alice
            """);
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    node.userAdmin().create("alice", "case-officer", "alice-password-123");
    node.userAdmin().create("audrey", "auditor", "audrey-password-123");
    var address =
        node.startHttp(
            new Ledger() {
              @Override
              public String submit(
                  String u, String tx, String a, Map<String, byte[]> t, List<String> e) {
                calls.add(u + " " + tx);
                return "{}";
              }

              @Override
              public String evaluate(
                  String u, String tx, String a, Map<String, byte[]> t, List<String> e) {
                calls.add(u + " " + tx);
                return "{}";
              }
            });
    base = "https://localhost:" + address.getPort();
    http = TestTls.client(TestConfigs.tlsCa(dir));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static byte[] document(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static HttpResponse<String> upload(String token, String id, byte[] doc, String sha)
      throws Exception {
    String q =
        "?caseRef=referral:REF-0123456789abcdef&receiver=OtherMSP&sha256=%s&size=%d"
            .formatted(sha, doc.length);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/v1/evidence/" + id + q))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(doc));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_officer_uploads_a_document_far_over_the_body_limit_and_it_is_verified() throws Exception {
    String token = TestHttp.login(http, base, "alice", "alice-password-123");
    byte[] doc = document(3 * 1024 * 1024 + 3);
    HttpResponse<String> r = upload(token, "doc-up-000001", doc, sha256(doc));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("verified").asBoolean()).isTrue();
    assertThat(body.get("sender").asText()).isEqualTo("TestMSP");

    HttpResponse<String> list =
        TestHttp.send(
            http, base, "GET", "/v1/evidence/cases/referral/REF-0123456789abcdef", null, token);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(JSON.readTree(list.body()).at("/items/0/documentId").asText())
        .isEqualTo("doc-up-000001");
    assertThat(calls).contains("alice evidence:get");

    HttpResponse<byte[]> content =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/evidence/doc-up-000001/content"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.headers().firstValue("X-Sha256")).contains(sha256(doc));
    assertThat(content.body()).isEqualTo(doc);
    // the keep-alive connection still serves JSON requests afterwards
    assertThat(TestHttp.send(http, base, "GET", "/v1/me", null, token).statusCode()).isEqualTo(200);
  }

  @Test
  void a_document_whose_hash_differs_is_refused_and_not_kept() throws Exception {
    String token = TestHttp.login(http, base, "alice", "alice-password-123");
    byte[] doc = document(100_000);
    HttpResponse<String> r = upload(token, "doc-up-000002", doc, "ab".repeat(32));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("HASH_MISMATCH");
    assertThat(dir.resolve("data/evidence/doc-up-000002")).doesNotExist();
  }

  @Test
  void an_unknown_document_cannot_be_downloaded() throws Exception {
    String token = TestHttp.login(http, base, "alice", "alice-password-123");
    HttpResponse<String> r =
        TestHttp.send(http, base, "GET", "/v1/evidence/doc-none-0001/content", null, token);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void an_auditor_may_not_upload_and_nobody_without_a_token() throws Exception {
    String token = TestHttp.login(http, base, "audrey", "audrey-password-123");
    byte[] doc = document(10_000);
    HttpResponse<String> r = upload(token, "doc-up-000003", doc, sha256(doc));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(upload(null, "doc-up-000004", doc, sha256(doc)).statusCode()).isEqualTo(401);
    assertThat(dir.resolve("data/evidence/doc-up-000003")).doesNotExist();
  }

  @Test
  void the_upload_is_in_the_openapi_document() throws Exception {
    HttpResponse<String> r = TestHttp.send(http, base, "GET", "/v1/openapi.json", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode put = JSON.readTree(r.body()).at("/paths/~1v1~1evidence~1{documentId}/put");
    assertThat(put.isMissingNode()).isFalse();
    assertThat(put.at("/requestBody/content/application~1octet-stream").isMissingNode()).isFalse();
  }
}
