package org.regnet.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.regnet.crypto.Pem;

/** An HTTPS client of one authority node, trusting only the CA that network.json names for it. */
public final class NodeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient http;

  public NodeClient(JsonNode org) {
    this.base = org.get("nodeUrl").asText();
    this.http =
        HttpClient.newBuilder()
            .sslContext(trusting(Path.of(org.get("nodeTlsCaCert").asText())))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A response: status and parsed body. */
  public record Answer(int status, JsonNode body) {
    public String code() {
      return body.path("error").path("code").asText(null);
    }
  }

  /** Logs in as the demo user with {@code role} listed in network.json; returns the token. */
  public static String login(NodeClient client, JsonNode org, String role) {
    for (JsonNode u : org.get("users")) {
      if (u.get("role").asText().equals(role)) {
        Answer a =
            client.call(
                "POST",
                "/v1/auth/login",
                "{\"username\":\""
                    + u.get("username").asText()
                    + "\",\"password\":\""
                    + u.get("password").asText()
                    + "\"}",
                null);
        if (a.status() != 200) {
          throw new AssertionError("login failed: " + a);
        }
        return a.body().get("token").asText();
      }
    }
    throw new IllegalArgumentException("no demo user with role " + role);
  }

  public Answer call(String method, String path, String body, String token) {
    return call(method, path, body, token, java.util.Map.of());
  }

  /** As {@link #call(String, String, String, String)}, with extra headers (Idempotency-Key). */
  public Answer call(
      String method,
      String path,
      String body,
      String token,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : parse(r.body());
      return new Answer(r.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code file} as an {@code application/octet-stream} body, streamed from disk (never held
   * in the heap); for long transfers such as 100 MB of evidence.
   */
  public Answer upload(String method, String path, Path file, String token) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofMinutes(10))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/octet-stream")
              .method(method, HttpRequest.BodyPublishers.ofFile(file))
              .build());
    } catch (java.io.FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A call without a body that may take minutes (a node-to-node transfer). */
  public Answer slowCall(String method, String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  /** GETs {@code path} into {@code out}, streamed to disk; returns the status and headers. */
  public HttpResponse<Path> download(String path, String token, Path out) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofMinutes(10))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofFile(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : parse(r.body());
      return new Answer(r.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens the inbox stream; each received {@code data:} line is put, parsed, into the queue. */
  public BlockingQueue<JsonNode> stream(String token, long after) {
    BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + "/v1/inbox/stream?after=" + after))
            .header("Authorization", "Bearer " + token)
            .build();
    Thread t =
        new Thread(
            () -> {
              try {
                HttpResponse<InputStream> r =
                    http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                      queue.add(parse(line.substring(6)));
                    }
                  }
                }
              } catch (IOException | InterruptedException e) {
                // stream closed
              }
            },
            "inbox-stream");
    t.setDaemon(true);
    t.start();
    return queue;
  }

  private static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      return JSON.createObjectNode().put("raw", s);
    }
  }

  private static SSLContext trusting(Path ca) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("ca", Pem.readCertificate(ca));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
