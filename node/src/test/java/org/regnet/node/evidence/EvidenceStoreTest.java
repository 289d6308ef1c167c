package org.regnet.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.service.KeySealer;

class EvidenceStoreTest {
  private static final KeySealer SEALER = new KeySealer("test-node-secret");
  private static final CaseRef CASE = CaseRef.parse("rfa:req-1");
  static final String SALT = "c3".repeat(32);

  @TempDir Path dir;

  static byte[] document(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static DocumentMeta meta(byte[] doc, String sha) {
    return new DocumentMeta("doc-00000001", CASE, "BMSP", "AMSP", sha, doc.length, SALT);
  }

  @Test
  void stores_encrypted_and_reads_back_the_same_bytes() throws Exception {
    byte[] doc = document(3 * ChunkCipher.CHUNK + 1234, 1);
    byte[] marker = "MARKER-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(marker, 0, doc, ChunkCipher.CHUNK + 7, marker.length);
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    try (Incoming in = store.write(meta(doc, sha256(doc)), 0)) {
      in.write(ByteBuffer.wrap(doc));
      in.finish();
    }
    assertThat(store.accepted("doc-00000001")).isTrue();
    try (InputStream in = store.open("doc-00000001")) {
      assertThat(in.readAllBytes()).isEqualTo(doc);
    }
    byte[] stored = Files.readAllBytes(dir.resolve("doc-00000001/data.enc"));
    assertThat(indexOf(stored, marker)).isEqualTo(-1);
    assertThat(store.byCase(CASE))
        .extracting(DocumentMeta::documentId)
        .containsExactly("doc-00000001");
  }

  @Test
  void a_broken_write_resumes_from_the_last_whole_chunk() throws Exception {
    byte[] doc = document(2 * ChunkCipher.CHUNK + 99, 2);
    DocumentMeta meta = meta(doc, sha256(doc));
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    try (Incoming in = store.write(meta, 0)) {
      in.write(ByteBuffer.wrap(doc, 0, ChunkCipher.CHUNK + 500));
    } // broken midway: the half chunk is lost, the whole one kept
    assertThat(store.receivedOffset(meta.documentId())).isEqualTo(ChunkCipher.CHUNK);
    assertThatThrownBy(() -> store.write(meta, 0))
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.WRONG_OFFSET);
    EvidenceStore restarted = new EvidenceStore(dir, SEALER);
    try (Incoming in = restarted.write(meta, ChunkCipher.CHUNK)) {
      in.write(ByteBuffer.wrap(doc, ChunkCipher.CHUNK, doc.length - ChunkCipher.CHUNK));
      in.finish();
    }
    try (InputStream in = restarted.open(meta.documentId())) {
      assertThat(in.readAllBytes()).isEqualTo(doc);
    }
  }

  @Test
  void refuses_a_document_whose_hash_differs_and_keeps_nothing() throws Exception {
    byte[] doc = document(5000, 3);
    byte[] other = document(5000, 4);
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    Incoming in = store.write(meta(doc, sha256(other)), 0);
    in.write(ByteBuffer.wrap(doc));
    assertThatThrownBy(in::finish)
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.HASH_MISMATCH);
    assertThat(store.known("doc-00000001")).isFalse();
    assertThat(dir.resolve("doc-00000001")).doesNotExist();
  }

  @Test
  void refuses_more_bytes_than_declared() throws Exception {
    byte[] doc = document(100, 5);
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    try (Incoming in = store.write(meta(doc, sha256(doc)), 0)) {
      assertThatThrownBy(() -> in.write(ByteBuffer.wrap(new byte[101])))
          .hasFieldOrPropertyWithValue("code", EvidenceException.Code.TOO_LARGE);
    }
  }

  @Test
  void another_node_secret_cannot_open_a_stored_document() throws Exception {
    byte[] doc = document(4000, 6);
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    try (Incoming in = store.write(meta(doc, sha256(doc)), 0)) {
      in.write(ByteBuffer.wrap(doc));
      in.finish();
    }
    EvidenceStore stolen = new EvidenceStore(dir, new KeySealer("another-secret"));
    assertThatThrownBy(() -> stolen.open("doc-00000001").readAllBytes())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_case_reference_is_a_referral_or_a_request_for_assistance() {
    assertThat(CaseRef.parse("referral:R-1").kind()).isEqualTo("referral");
    assertThatThrownBy(() -> CaseRef.parse("flag:1"))
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.BAD_CASE);
    assertThatThrownBy(() -> CaseRef.parse("rfa:../x"))
        .hasFieldOrPropertyWithValue("code", EvidenceException.Code.BAD_CASE);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
