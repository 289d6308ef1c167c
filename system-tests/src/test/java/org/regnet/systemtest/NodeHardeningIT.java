package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.crypto.Pem;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.Scenarios;
import org.regnet.systemtest.support.TestNetwork;

/**
 * A hardened node on the real network: a write retried after its connection was killed makes one
 * referral; the chaincode makes a resubmission under the same key meet the first (as after a node
 * crash); metrics are not public but served on the loopback admin listener; readiness reports the
 * follower's lag; and the node process listens on its HTTPS, admin and evidence ports only: no port
 * belongs to its database.
 */
class NodeHardeningIT {
  private static final int A = 0, B = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNetwork net;
  private static Actors actors;
  private static String agreementId;
  private static HttpClient http;
  private static String base;

  @BeforeAll
  static void network() throws Exception {
    net = TestNetwork.shared();
    actors = new Actors(net);
    agreementId = Scenarios.treatyWithActiveAgreement(actors, "TRT-IT-HARDENING");
    JsonNode org = net.organization(A);
    base = org.get("nodeUrl").asText();
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("ca", Pem.readCertificate(Path.of(org.get("nodeTlsCaCert").asText())));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(ssl).build();
  }

  private static HttpResponse<String> call(
      String method, String path, String body, String token, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String referralBody() {
    return "{\"agreementId\":\""
        + agreementId
        + "\",\"typology\":\"SPOOFING\",\"instrumentClass\":\"PERPETUAL_FUTURE\","
        + "\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],\"payload\":"
        + Requests.payload(Requests.marker())
        + "}";
  }

  /** Referral ids in A's outbox under this test's agreement. */
  private static Set<String> outbox(String token) throws Exception {
    Set<String> ids = new HashSet<>();
    String bookmark = "";
    while (true) {
      HttpResponse<String> r =
          call(
              "GET",
              "/v1/referrals/outbox?pageSize=100"
                  + (bookmark.isEmpty() ? "" : "&bookmark=" + bookmark),
              null,
              token,
              null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(r.body());
      for (JsonNode item : page.get("items")) {
        if (item.path("agreementId").asText().equals(agreementId)) {
          ids.add(item.get("referralId").asText());
        }
      }
      String next = page.path("bookmark").asText("");
      if (page.get("items").isEmpty() || next.isEmpty() || next.equals(bookmark)) {
        return ids;
      }
      bookmark = next;
    }
  }

  @Test
  void a_referral_post_retried_after_its_connection_was_killed_makes_one_referral()
      throws Exception {
    NodeClient client = new NodeClient(net.organization(A));
    String officer = NodeClient.login(client, net.organization(A), "case-officer");
    Set<String> before = outbox(officer);
    String key = "retry-" + UUID.randomUUID();
    String body = referralBody();

    // First attempt: the request is sent whole, then the connection is killed before the answer.
    URI uri = URI.create(base);
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
    try (SSLSocket s =
        (SSLSocket) trustAll.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      s.getOutputStream()
          .write(
              ("POST /v1/referrals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Authorization: Bearer "
                      + officer
                      + "\r\nIdempotency-Key: "
                      + key
                      + "\r\nContent-Length: "
                      + bytes.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
    }

    // The first attempt goes on without its client: its referral reaches the outbox.
    Set<String> made = new HashSet<>();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (made.isEmpty() && System.nanoTime() < deadline) {
      made = new HashSet<>(outbox(officer));
      made.removeAll(before);
      if (made.isEmpty()) {
        Thread.sleep(500);
      }
    }
    assertThat(made).as("the killed attempt's referral").hasSize(1);

    // The client retries with the same key until it gets an outcome (409 while the first runs).
    HttpResponse<String> retry;
    int inProgress = 0;
    while (true) {
      retry = call("POST", "/v1/referrals", body, officer, key);
      if (retry.statusCode() != 409) {
        break;
      }
      assertThat(JSON.readTree(retry.body()).at("/error/code").asText()).isEqualTo("IN_PROGRESS");
      assertThat(retry.headers().firstValue("retry-after")).isPresent();
      inProgress++;
      Thread.sleep(1000);
    }
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    String referralId = JSON.readTree(retry.body()).get("referralId").asText();
    HttpResponse<String> again = call("POST", "/v1/referrals", body, officer, key);
    assertThat(JSON.readTree(again.body()).get("referralId").asText()).isEqualTo(referralId);

    Set<String> added = new HashSet<>(outbox(officer));
    added.removeAll(before);
    // The retry answered the referral the killed attempt made, and made none.
    assertThat(added)
        .as("one referral for two POSTs (%d in-progress answers)", inProgress)
        .containsExactly(referralId)
        .isEqualTo(made);
  }

  @Test
  void a_resubmission_under_the_same_key_meets_the_first_referral_on_chain() {
    // What the node does after a crash between submit and answer: submit again, same key.
    Map<String, byte[]> t =
        new HashMap<>(Requests.confidential(Requests.payload(Requests.marker())));
    t.put("idempotencyKey", ("crash-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    Calls.Result first =
        Calls.submit(
            actors.contract(A, "case-officer"),
            "referral:submit",
            Requests.submitReferral(agreementId),
            t,
            actors.msp(A),
            actors.msp(B));
    Calls.Result second =
        Calls.submit(
            actors.contract(A, "case-officer"),
            "referral:submit",
            Requests.submitReferral(agreementId),
            t,
            actors.msp(A),
            actors.msp(B));
    String id = first.json().get("referralId").asText();
    assertThat(second.code()).isEqualTo("CONFLICT");
    assertThat(second.error()).contains(id);
  }

  @Test
  void metrics_are_not_public_and_readiness_reports_the_followers_lag() throws Exception {
    assertThat(call("GET", "/v1/metrics", null, null, null).statusCode()).isEqualTo(404);
    HttpResponse<String> ready = call("GET", "/v1/ready", null, null, null);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonNode follower = JSON.readTree(ready.body()).get("follower");
    assertThat(follower.get("ledgerHeight").asLong()).isPositive();
    assertThat(follower.get("blocksBehind").asLong()).isNotNegative();
    assertThat(follower.get("checkpointBlock").asLong()).isNotNegative();
  }

  @Test
  void metrics_are_served_on_the_loopback_admin_listener() throws Exception {
    var admin = net.network().definition().organizations().get(A).nodeAdmin();
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + admin.host() + ":" + admin.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body()).contains("# TYPE ");
  }

  @Test
  void the_node_process_listens_on_its_https_admin_and_evidence_ports_only() throws Exception {
    OrganizationDefinition a = net.network().definition().organizations().get(A);
    ProcessRecord node =
        net.network().processes().stream()
            .filter(p -> p.name().equals(a.nodeHostName()))
            .findFirst()
            .orElseThrow();
    long pid = node.handle().orElseThrow().pid();
    assertThat(listeningPorts(pid))
        .containsExactlyInAnyOrder(
            URI.create(base).getPort(), a.nodeAdmin().port(), a.nodeEvidence().port());
  }

  /** TCP ports process {@code pid} listens on: LISTEN sockets whose inode is one of its fds. */
  private static Set<Integer> listeningPorts(long pid) throws Exception {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (java.io.IOException e) {
          // closed meanwhile
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : new String[] {"tcp", "tcp6"}) {
      Path p = Path.of("/proc/" + pid + "/net/" + table);
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  /** The killed first attempt does not care whom it talks to; the retry checks the CA. */
  private static final class TrustAll implements javax.net.ssl.X509TrustManager {
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

    public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }
}
