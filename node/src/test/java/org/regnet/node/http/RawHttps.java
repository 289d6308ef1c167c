package org.regnet.node.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Raw HTTP/1.1 over TLS from a chosen loopback address (the node throttles per client address), for
 * what java.net.http cannot do: bind the client address, pipeline, read a stream line by line.
 * Trusts any certificate: these tests are about HTTP, not about TLS trust.
 */
final class RawHttps {
  private RawHttps() {}

  static SSLSocket connect(String fromAddress, int port) throws Exception {
    return connect(fromAddress, port, 0);
  }

  /**
   * As {@link #connect(String, int)}, with a receive buffer of {@code receiveBuffer} bytes set
   * before connecting (0 leaves the system's), for a client that reads slowly.
   */
  static SSLSocket connect(String fromAddress, int port, int receiveBuffer) throws Exception {
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
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.bind(new java.net.InetSocketAddress(InetAddress.getByName(fromAddress), 0));
    s.connect(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    s.startHandshake();
    return s;
  }

  /** A POST with a JSON body, as one request on its own connection; answers status and body. */
  static Response post(String fromAddress, int port, String path, String json, String token)
      throws Exception {
    try (SSLSocket s = connect(fromAddress, port)) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      s.getOutputStream().flush();
      return Response.parse(readAll(s.getInputStream()));
    }
  }

  /**
   * Sends {@code GET /v1/inbox/stream<query>} on {@code s}, with a bearer token and a {@code
   * Last-Event-ID} where given (null: the header is left out), and leaves the answer to be read.
   */
  static SSLSocket requestStream(SSLSocket s, String query, String token, String lastEventId)
      throws IOException {
    s.getOutputStream()
        .write(
            ("GET /v1/inbox/stream"
                    + query
                    + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  /** Reads lines until one passes {@code wanted}; false at the end of the stream. */
  static boolean readUntil(InputStream in, java.util.function.Predicate<String> wanted)
      throws IOException {
    String line;
    while ((line = readLine(in)) != null) {
      if (wanted.test(line)) {
        return true;
      }
    }
    return false;
  }

  /** Reads lines until one equals {@code wanted}; false at the end of the stream. */
  static boolean readUntil(InputStream in, String wanted) throws IOException {
    return readUntil(in, wanted::equals);
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One line (without CR LF), or null at the end of the stream. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** A response's status, its raw head and body. */
  record Response(int status, String head, String body) {
    static Response parse(String raw) {
      int split = raw.indexOf("\r\n\r\n");
      String head = split < 0 ? raw : raw.substring(0, split);
      String body = split < 0 ? "" : raw.substring(split + 4);
      int status = raw.startsWith("HTTP/1.1 ") ? Integer.parseInt(raw.substring(9, 12)) : -1;
      return new Response(status, head, body);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }
}
