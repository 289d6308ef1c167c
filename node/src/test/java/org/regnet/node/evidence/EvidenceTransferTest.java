package org.regnet.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.node.service.KeySealer;

/** Node to node over mutual TLS with real certificate chains (three authorities, in memory). */
class EvidenceTransferTest {
  private static final CaseRef CASE = CaseRef.parse("referral:R-7");
  private static NodeTlsIdentity nodeA;
  private static NodeTlsIdentity nodeB;
  private static NodeTlsIdentity nodeC;
  private static AuthorityTrust trust;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<DocumentMeta> received = new ArrayList<>();

  @BeforeAll
  static void pki() {
    CertificateAuthority rootA = CertificateAuthority.create("DE", "Authority A", "root.a");
    CertificateAuthority rootB = CertificateAuthority.create("FR", "Authority B", "root.b");
    CertificateAuthority rootC = CertificateAuthority.create("IT", "Authority C", "root.c");
    nodeA = identity(rootA, "a");
    nodeB = identity(rootB, "b");
    nodeC = identity(rootC, "c");
    trust =
        new AuthorityTrust(
            Map.of(
                "AMSP", List.of(rootA.certificate()),
                "BMSP", List.of(rootB.certificate()),
                "CMSP", List.of(rootC.certificate())));
  }

  private static NodeTlsIdentity identity(CertificateAuthority root, String name) {
    return NodeTlsIdentity.issue(
        root.issueIssuingCa("issuing." + name, Duration.ofDays(1)), name, Duration.ofHours(1));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private EvidenceStore store(String name) {
    return new EvidenceStore(dir.resolve(name), new KeySealer("secret-" + name));
  }

  /** A's evidence port: parties to R-7 are A and B only. */
  private EvidenceServer serve(EvidenceStore store, NodeTlsIdentity identity, String self)
      throws Exception {
    Custody custody =
        new Custody() {
          @Override
          public void pin(String username, DocumentMeta meta) {}

          @Override
          public void receive(DocumentMeta meta) {
            received.add(meta);
          }
        };
    EvidenceServer s =
        new EvidenceServer(
            new InetSocketAddress("127.0.0.1", 0),
            () -> identity,
            trust,
            self,
            store,
            (c, s1, r) -> c.equals(CASE) && Set.of(s1, r).equals(Set.of("AMSP", "BMSP")),
            custody);
    open.add(s);
    return s;
  }

  private static DocumentMeta put(
      EvidenceStore store, String id, String from, String to, byte[] doc) throws Exception {
    DocumentMeta meta =
        new DocumentMeta(
            id, CASE, from, to, EvidenceStoreTest.sha256(doc), doc.length, DocumentMeta.newSalt());
    try (Incoming in = store.write(meta, 0)) {
      in.write(ByteBuffer.wrap(doc));
      in.finish();
    }
    return meta;
  }

  private static URI at(EvidenceServer s) {
    return URI.create("https://127.0.0.1:" + s.port());
  }

  @Test
  void a_document_goes_from_b_to_a_and_a_verifies_and_records_receipt() throws Exception {
    EvidenceStore a = store("a");
    EvidenceStore b = store("b");
    byte[] doc = EvidenceStoreTest.document(5 * ChunkCipher.CHUNK + 17, 11);
    DocumentMeta meta = put(b, "doc-b-000001", "BMSP", "AMSP", doc);
    EvidenceServer serverA = serve(a, nodeA, "AMSP");

    EvidenceSender.Result r =
        new EvidenceSender(b, () -> nodeB, trust).send(at(serverA), "doc-b-000001");

    assertThat(r.accepted()).isTrue();
    assertThat(a.accepted("doc-b-000001")).isTrue();
    try (InputStream in = a.open("doc-b-000001")) {
      assertThat(in.readAllBytes()).isEqualTo(doc);
    }
    assertThat(received).containsExactly(meta);
  }

  @Test
  void a_100_mb_document_arrives_whole_and_its_marker_is_nowhere_at_rest() throws Exception {
    EvidenceStore a = store("a");
    EvidenceStore b = store("b");
    int size = 100 * 1024 * 1024;
    byte[] marker =
        ("MARKER-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID())
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    // Written in pieces: the test itself holds one 1 MiB piece, not the document.
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    java.util.Random random = new java.util.Random(100);
    byte[] piece = new byte[ChunkCipher.CHUNK];
    int pieces = size / ChunkCipher.CHUNK;
    for (int i = 0; i < pieces; i++) {
      random.nextBytes(piece);
      if (i == 37) {
        System.arraycopy(marker, 0, piece, 1000, marker.length);
      }
      sha.update(piece);
    }
    String hash = java.util.HexFormat.of().formatHex(sha.digest());
    DocumentMeta meta =
        new DocumentMeta("doc-b-000100", CASE, "BMSP", "AMSP", hash, size, DocumentMeta.newSalt());
    random = new java.util.Random(100);
    try (Incoming in = b.write(meta, 0)) {
      for (int i = 0; i < pieces; i++) {
        random.nextBytes(piece);
        if (i == 37) {
          System.arraycopy(marker, 0, piece, 1000, marker.length);
        }
        in.write(ByteBuffer.wrap(piece));
      }
      in.finish();
    }
    EvidenceServer serverA = serve(a, nodeA, "AMSP");

    EvidenceSender.Result r =
        new EvidenceSender(b, () -> nodeB, trust).send(at(serverA), "doc-b-000100");

    assertThat(r.accepted()).isTrue();
    assertThat(received).containsExactly(meta);
    for (Path file : java.nio.file.Files.newDirectoryStream(dir.resolve("a/doc-b-000100"))) {
      assertThat(containsStreaming(file, marker)).as(file.toString()).isFalse();
    }
    // positive control: the marker is in what A reads back
    try (InputStream in = a.open("doc-b-000100", 37L * ChunkCipher.CHUNK)) {
      byte[] back = in.readNBytes(ChunkCipher.CHUNK);
      assertThat(EvidenceStoreTest.indexOf(back, marker)).isEqualTo(1000);
    }
  }

  /** Whether {@code file} contains {@code needle}, read 1 MiB at a time. */
  private static boolean containsStreaming(Path file, byte[] needle) throws Exception {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      byte[] carry = new byte[0];
      byte[] buf;
      while ((buf = in.readNBytes(ChunkCipher.CHUNK)).length > 0) {
        byte[] window = new byte[carry.length + buf.length];
        System.arraycopy(carry, 0, window, 0, carry.length);
        System.arraycopy(buf, 0, window, carry.length, buf.length);
        if (EvidenceStoreTest.indexOf(window, needle) >= 0) {
          return true;
        }
        int keep = Math.min(needle.length - 1, window.length);
        carry = java.util.Arrays.copyOfRange(window, window.length - keep, window.length);
      }
      return false;
    }
  }

  @Test
  void a_broken_transfer_resumes_from_the_received_offset() throws Exception {
    EvidenceStore a = store("a");
    EvidenceStore b = store("b");
    byte[] doc = EvidenceStoreTest.document(6 * ChunkCipher.CHUNK + 5, 12);
    DocumentMeta meta = put(b, "doc-b-000002", "BMSP", "AMSP", doc);
    EvidenceServer serverA = serve(a, nodeA, "AMSP");

    // Send three and a half chunks, wait until A has stored them, then break the connection.
    HttpsURLConnection put =
        (HttpsURLConnection) at(serverA).resolve("/evidence/doc-b-000002").toURL().openConnection();
    put.setSSLSocketFactory(nodeB.context(trust.trusting(Set.of("AMSP"))).getSocketFactory());
    put.setHostnameVerifier((h, s) -> true);
    put.setRequestMethod("PUT");
    put.setDoOutput(true);
    put.setFixedLengthStreamingMode(doc.length);
    put.setRequestProperty("X-Case", CASE.toString());
    put.setRequestProperty("X-Sender", "BMSP");
    put.setRequestProperty("X-Receiver", "AMSP");
    put.setRequestProperty("X-Sha256", meta.sha256());
    put.setRequestProperty("X-Size", Long.toString(doc.length));
    put.setRequestProperty("X-Salt", meta.salt());
    put.setRequestProperty("X-Offset", "0");
    OutputStream out = put.getOutputStream();
    out.write(doc, 0, 3 * ChunkCipher.CHUNK + ChunkCipher.CHUNK / 2);
    out.flush();
    while (!a.known("doc-b-000002") || a.receivedOffset("doc-b-000002") < 3L * ChunkCipher.CHUNK) {
      Thread.sleep(20);
    }
    put.disconnect();

    EvidenceSender.Result r =
        new EvidenceSender(b, () -> nodeB, trust).send(at(serverA), "doc-b-000002");

    assertThat(r.resumedFrom()).isEqualTo(3L * ChunkCipher.CHUNK);
    assertThat(r.accepted()).isTrue();
    try (InputStream in = a.open("doc-b-000002")) {
      assertThat(in.readAllBytes()).isEqualTo(doc);
    }
  }

  @Test
  void a_third_authority_cannot_send_in_a_party_s_name() throws Exception {
    EvidenceStore a = store("a");
    EvidenceStore c = store("c");
    byte[] doc = EvidenceStoreTest.document(1000, 13);
    put(c, "doc-c-000001", "BMSP", "AMSP", doc); // C claims to be B
    EvidenceServer serverA = serve(a, nodeA, "AMSP");

    assertThatThrownBy(
            () -> new EvidenceSender(c, () -> nodeC, trust).send(at(serverA), "doc-c-000001"))
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.NOT_A_PARTY);
    assertThat(a.known("doc-c-000001")).isFalse();
  }

  @Test
  void a_sender_does_not_hand_a_document_to_a_node_of_another_authority() throws Exception {
    EvidenceStore b = store("b");
    EvidenceStore c = store("c");
    put(b, "doc-b-000003", "BMSP", "AMSP", EvidenceStoreTest.document(1000, 14));
    EvidenceServer impostor = serve(c, nodeC, "AMSP"); // C's node answering where A's should

    assertThatThrownBy(
            () -> new EvidenceSender(b, () -> nodeB, trust).send(at(impostor), "doc-b-000003"))
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.TRANSFER_FAILED);
    assertThat(c.known("doc-b-000003")).isFalse();
  }

  @Test
  void a_party_cannot_send_for_a_case_it_is_not_party_to() throws Exception {
    EvidenceStore a = store("a");
    EvidenceStore b = store("b");
    byte[] doc = EvidenceStoreTest.document(1000, 15);
    DocumentMeta other =
        new DocumentMeta(
            "doc-b-000004",
            CaseRef.parse("rfa:other"),
            "BMSP",
            "AMSP",
            EvidenceStoreTest.sha256(doc),
            doc.length,
            DocumentMeta.newSalt());
    try (Incoming in = b.write(other, 0)) {
      in.write(ByteBuffer.wrap(doc));
      in.finish();
    }
    EvidenceServer serverA = serve(a, nodeA, "AMSP");

    assertThatThrownBy(
            () -> new EvidenceSender(b, () -> nodeB, trust).send(at(serverA), "doc-b-000004"))
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.NOT_A_PARTY);
  }

  @Test
  void a_chain_is_attributed_only_to_the_authority_whose_root_signed_it() {
    assertThat(trust.authorityOf(nodeA.chain())).contains("AMSP");
    assertThat(trust.authorityOf(nodeB.chain())).contains("BMSP");
    X509Certificate[] forged = {nodeC.chain()[0], nodeA.chain()[1]};
    assertThat(trust.authorityOf(forged)).isEmpty();
  }
}
