package org.regnet.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.regnet.node.service.Ledger;

/** Requests to the tests' node over HTTPS, and a ledger that answers every call with {@code {}}. */
public final class TestHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestHttp() {}

  /** One request; {@code headers} are name, value pairs. */
  public static HttpResponse<String> send(
      HttpClient http,
      String base,
      String method,
      String path,
      String body,
      String token,
      String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in and returns the bearer token; the login must succeed. */
  public static String login(HttpClient http, String base, String user, String password)
      throws Exception {
    HttpResponse<String> r =
        send(
            http,
            base,
            "POST",
            "/v1/auth/login",
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
            null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  /** A ledger for tests that never reach it in earnest: every call answers {@code {}}. */
  public static Ledger emptyLedger() {
    return new Ledger() {
      @Override
      public String submit(
          String u, String t, String a, Map<String, byte[]> m, List<String> endorsers) {
        return "{}";
      }

      @Override
      public String evaluate(
          String u, String t, String a, Map<String, byte[]> m, List<String> endorsers) {
        return "{}";
      }
    };
  }
}
