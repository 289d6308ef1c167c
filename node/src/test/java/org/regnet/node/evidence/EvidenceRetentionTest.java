package org.regnet.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.service.KeySealer;

class EvidenceRetentionTest {
  private static final KeySealer SEALER = new KeySealer("test-node-secret");
  private static final Instant END = Instant.parse("2026-12-28T10:00:00Z");

  @TempDir Path dir;

  private static byte[] document(long seed) {
    return EvidenceStoreTest.document(ChunkCipher.CHUNK + 17, seed);
  }

  private static DocumentMeta meta(String id, String caseRef, byte[] doc) throws Exception {
    return new DocumentMeta(
        id,
        CaseRef.parse(caseRef),
        "BMSP",
        "AMSP",
        EvidenceStoreTest.sha256(doc),
        doc.length,
        EvidenceStoreTest.SALT);
  }

  private static DocumentMeta stored(EvidenceStore store, String id, String caseRef, long seed)
      throws Exception {
    byte[] doc = document(seed);
    DocumentMeta meta = meta(id, caseRef, doc);
    try (Incoming in = store.write(meta, 0)) {
      in.write(ByteBuffer.wrap(doc));
      in.finish();
    }
    return meta;
  }

  @Test
  void a_purged_request_loses_its_documents_and_keeps_their_deletion_record() throws Exception {
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    DocumentMeta purged = stored(store, "doc-00000001", "rfa:req-1", 1);
    DocumentMeta alsoPurged = stored(store, "doc-00000002", "rfa:req-1", 2);
    DocumentMeta other = stored(store, "doc-00000003", "rfa:req-2", 3);
    EvidenceRetention retention = new EvidenceRetention(store, Clock.fixed(END, ZoneOffset.UTC));

    assertThat(retention.purged("req-1")).isEqualTo(2);

    for (DocumentMeta m : List.of(purged, alsoPurged)) {
      String id = m.documentId();
      assertThat(store.deletedAt(id)).contains(END);
      assertThat(store.accepted(id)).isFalse();
      assertThat(store.meta(id)).isEqualTo(m); // the description stays: the deletion record
      try (var files = Files.list(dir.resolve(id))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder("meta.json", "deleted");
      }
      assertThatThrownBy(() -> store.open(id))
          .hasFieldOrPropertyWithValue("code", EvidenceException.Code.DELETED);
      assertThatThrownBy(() -> store.receivedOffset(id))
          .hasFieldOrPropertyWithValue("code", EvidenceException.Code.DELETED);
      // a sender cannot bring the content back
      assertThatThrownBy(() -> store.write(m, 0))
          .hasFieldOrPropertyWithValue("code", EvidenceException.Code.DELETED);
    }
    // another case's document is untouched
    assertThat(store.deletedAt(other.documentId())).isEmpty();
    try (InputStream in = store.open(other.documentId())) {
      assertThat(in.readAllBytes()).hasSize((int) other.size());
    }
    // again (a replayed event, a start's catch-up): nothing new, the first time kept
    EvidenceRetention later =
        new EvidenceRetention(store, Clock.fixed(END.plusSeconds(60), ZoneOffset.UTC));
    assertThat(later.catchUp(List.of("req-1", "req-1", "no/such id"))).isZero();
    assertThat(store.deletedAt(purged.documentId())).contains(END);
  }

  @Test
  void a_transfer_open_when_retention_ends_cannot_complete() throws Exception {
    EvidenceStore store = new EvidenceStore(dir, SEALER);
    byte[] doc = document(9);
    DocumentMeta meta = meta("doc-00000009", "rfa:req-9", doc);
    try (Incoming in = store.write(meta, 0)) {
      in.write(ByteBuffer.wrap(doc));
      new EvidenceRetention(store, Clock.fixed(END, ZoneOffset.UTC)).purged("req-9");
      assertThatThrownBy(in::finish)
          .hasFieldOrPropertyWithValue("code", EvidenceException.Code.DELETED);
    }
    assertThat(store.accepted(meta.documentId())).isFalse();
    assertThat(store.deletedAt(meta.documentId())).contains(END);
  }
}
