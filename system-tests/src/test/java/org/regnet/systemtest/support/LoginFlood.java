package org.regnet.systemtest.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A login flood, run as a process of its own (so it competes with the node as an attacker would,
 * not inside the test's JVM): {@code clients} concurrent HTTPS clients, each on a fresh TLS
 * connection per attempt, each sending {@code rounds} wrong-password logins, a quarter of them
 * naming {@code victim}. Client {@code i} connects from {@code sourcePrefix + (i % 250 + 1)} (e.g.
 * {@code 127.0.2.}), or from one address when {@code sourcePrefix} is a whole address.
 *
 * <p>Every attempt ends in one outcome: the HTTP status (with {@code -no-retry-after} appended to a
 * 429 or 503 without a Retry-After header), or {@code closed} (the connection ended without an
 * answer), {@code reset}, {@code tls} (the handshake failed), {@code timeout} (no answer in 120 s),
 * {@code connect} (refused). It prints {@code READY} when its threads are started, then a line
 * {@code DETAIL outcome: cause} for the first attempt of each outcome that is not an HTTP status
 * (so a failure in CI says what happened), then one line {@code OUTCOMES {...}}, and exits.
 *
 * <p>Usage: {@code LoginFlood host port sourcePrefix clients rounds victim}
 */
public final class LoginFlood {
  private static final int READ_TIMEOUT_MILLIS = 120_000;
  private static final Map<String, String> DETAILS = new ConcurrentHashMap<>();

  private LoginFlood() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String prefix = args[2];
    int clients = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    String victim = args[5];
    SSLContext tls = trustingAll();
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String from = prefix.endsWith(".") ? prefix + (i % 250 + 1) : prefix;
      String name = i % 4 == 0 ? victim : "flood-user-" + i;
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int r = 0; r < rounds; r++) {
                  String outcome = attempt(tls, from, host, port, name);
                  outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                }
              });
      threads.add(t);
      t.start();
    }
    System.out.println("READY");
    System.out.flush();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    Map<String, Integer> sorted = new TreeMap<>();
    outcomes.forEach((k, v) -> sorted.put(k, v.get()));
    new TreeMap<>(DETAILS).forEach((k, v) -> System.out.println("DETAIL " + k + ": " + v));
    System.out.println("OUTCOMES " + sorted);
    System.out.flush();
  }

  /** One login on a connection of its own; answers its outcome. */
  static String attempt(SSLContext tls, String from, String host, int port, String name) {
    byte[] body =
        ("{\"username\":\"" + name + "\",\"password\":\"wrong-password-123\"}")
            .getBytes(StandardCharsets.UTF_8);
    SSLSocket s;
    try {
      s = (SSLSocket) tls.getSocketFactory().createSocket();
      s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      s.connect(new InetSocketAddress(InetAddress.getByName(host), port), READ_TIMEOUT_MILLIS);
    } catch (IOException e) {
      return noted("connect", e);
    }
    try (s) {
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      try {
        s.startHandshake();
      } catch (SocketTimeoutException e) {
        return noted("timeout", e);
      } catch (EOFException | SSLException e) {
        return noted("tls", e);
      } catch (SocketException e) {
        return noted(
            e.getMessage() != null && e.getMessage().contains("reset") ? "reset" : "tls", e);
      }
      String head =
          "POST /v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      s.getOutputStream().flush();
      String raw = readAll(s.getInputStream());
      if (!raw.startsWith("HTTP/1.1 ") || raw.length() < 12) {
        DETAILS.putIfAbsent("closed", "after the handshake, " + raw.length() + " bytes: " + raw);
        return "closed";
      }
      String status = raw.substring(9, 12);
      if ((status.equals("429") || status.equals("503"))
          && !raw.toLowerCase(java.util.Locale.ROOT).contains("\r\nretry-after:")) {
        return status + "-no-retry-after";
      }
      return status;
    } catch (SocketTimeoutException e) {
      return noted("timeout", e);
    } catch (SocketException e) {
      return noted(
          e.getMessage() != null && e.getMessage().contains("reset") ? "reset" : "closed", e);
    } catch (IOException e) {
      return noted("closed", e);
    }
  }

  /** Keeps the first cause of each outcome, for the DETAIL lines. */
  private static String noted(String outcome, Exception cause) {
    DETAILS.putIfAbsent(outcome, cause.toString());
    return outcome;
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        out.write(buf, 0, n);
      }
    } catch (SSLException | SocketException e) {
      // An answer followed by an unclean close still counts as the answer it is.
      if (out.size() == 0) {
        throw e;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static SSLContext trustingAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            public void checkServerTrusted(X509Certificate[] c, String a) {}

            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return ctx;
  }
}
