package org.regnet.node.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends a stored document to the counterparty's evidence port, resuming where the receiver's store
 * stopped: it asks the received offset first, then streams the rest (fixed-length, so the JDK never
 * buffers the body). The server is trusted only if its chain belongs to the receiving authority;
 * the certificate names no host (its CA cannot), so the chain is the identity and host name
 * checking is replaced by it.
 */
public final class EvidenceSender {
  private final EvidenceStore store;
  private final java.util.function.Supplier<NodeTlsIdentity> identity;
  private final AuthorityTrust trust;

  public EvidenceSender(
      EvidenceStore store,
      java.util.function.Supplier<NodeTlsIdentity> identity,
      AuthorityTrust trust) {
    this.store = Objects.requireNonNull(store, "store");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /** What a send achieved: the offset it started from and whether the receiver accepted. */
  public record Result(long resumedFrom, boolean accepted) {}

  /**
   * Sends document {@code documentId} (accepted in this node's store) to {@code endpoint}, e.g.
   * {@code https://127.0.0.1:7443}, which must be a node of the document's receiver.
   *
   * @throws EvidenceException {@code TRANSFER_FAILED} when the connection breaks (call again to
   *     resume), or the receiver's code when it refused
   */
  public Result send(URI endpoint, String documentId) {
    // A broken transfer's connection may still be closing on the receiver (IN_USE) or its last
    // chunk still being written (WRONG_OFFSET): ask for the offset again, a few times.
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(endpoint, documentId);
      } catch (EvidenceException e) {
        boolean racing =
            e.code() == EvidenceException.Code.IN_USE
                || e.code() == EvidenceException.Code.WRONG_OFFSET;
        if (!racing || attempt == 10) {
          throw e;
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private Result sendOnce(URI endpoint, String documentId) {
    DocumentMeta meta = store.meta(documentId);
    SSLSocketFactory tls =
        identity.get().context(trust.trusting(Set.of(meta.receiver()))).getSocketFactory();
    URI target = endpoint.resolve("/evidence/" + documentId);
    try {
      long offset = receivedOffset(target, tls);
      if (offset >= meta.size() && meta.size() > 0) {
        return new Result(offset, true);
      }
      HttpsURLConnection put = open(target, tls);
      put.setRequestMethod("PUT");
      put.setDoOutput(true);
      put.setFixedLengthStreamingMode(meta.size() - offset);
      put.setRequestProperty("Content-Type", "application/octet-stream");
      put.setRequestProperty("X-Case", meta.caseRef().toString());
      put.setRequestProperty("X-Sender", meta.sender());
      put.setRequestProperty("X-Receiver", meta.receiver());
      put.setRequestProperty("X-Sha256", meta.sha256());
      put.setRequestProperty("X-Size", Long.toString(meta.size()));
      put.setRequestProperty("X-Salt", meta.salt());
      put.setRequestProperty("X-Offset", Long.toString(offset));
      try (InputStream in = store.open(documentId, offset);
          OutputStream out = put.getOutputStream()) {
        in.transferTo(out);
      }
      int status = put.getResponseCode();
      if (status != 200) {
        throw refusal(put, status);
      }
      return new Result(offset, true);
    } catch (IOException e) {
      throw new EvidenceException(
          EvidenceException.Code.TRANSFER_FAILED, "transfer broken; send again to resume", e);
    }
  }

  private long receivedOffset(URI target, SSLSocketFactory tls) throws IOException {
    HttpsURLConnection head = open(target, tls);
    head.setRequestMethod("HEAD");
    int status = head.getResponseCode();
    if (status != 200) {
      throw refusal(head, status);
    }
    return Long.parseLong(head.getHeaderField("X-Received-Offset"));
  }

  private static HttpsURLConnection open(URI target, SSLSocketFactory tls) throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) target.toURL().openConnection();
    c.setSSLSocketFactory(tls);
    // The trust manager already required the receiving authority's chain.
    c.setHostnameVerifier((host, session) -> true);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(120_000);
    c.setUseCaches(false);
    return c;
  }

  private static EvidenceException refusal(HttpsURLConnection c, int status) throws IOException {
    String body;
    try (InputStream err = c.getErrorStream()) {
      body =
          err == null
              ? ""
              : new String(err.readNBytes(512), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (EvidenceException.Code code : EvidenceException.Code.values()) {
      if (body.contains("\"" + code.name() + "\"")) {
        return new EvidenceException(code, "the receiver refused (" + status + ")");
      }
    }
    return new EvidenceException(
        EvidenceException.Code.TRANSFER_FAILED, "the receiver answered " + status);
  }
}
