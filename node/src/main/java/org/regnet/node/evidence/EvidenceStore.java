package org.regnet.node.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.regnet.crypto.SecureFiles;
import org.regnet.node.service.KeySealer;

/**
 * The node's document store: one owner-only folder per document with its description ({@code
 * meta.json}), its own AES-256 key sealed with the node secret ({@code key.sealed}, purpose {@code
 * evidence-file:<id>} bound in), the sealed chunks ({@code data.enc}) and, once the hash was
 * verified, an {@code accepted} marker. Nothing in it is readable without the node secret except
 * the description, which names case, parties, hash and size (docs/decisions/0019).
 *
 * <p>When its case's retention ends, a document is deleted: its key and chunks go, and a {@code
 * deleted} marker with the time joins the description, which stays as this node's deletion record
 * (decision 0030). A deleted document can be neither read nor written again.
 */
public final class EvidenceStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;
  private final KeySealer sealer;
  private final java.util.Set<String> writing = new java.util.HashSet<>();

  public EvidenceStore(Path root, KeySealer sealer) {
    this.root = SecureFiles.createPrivateDirectories(root);
    this.sealer = sealer;
  }

  /**
   * Opens a write for {@code meta} at {@code offset}: a new document at 0, or a broken transfer at
   * exactly its {@link #receivedOffset}. A document already known must be described the same way.
   */
  public synchronized Incoming write(DocumentMeta meta, long offset) {
    Path dir = dir(meta.documentId());
    if (known(meta.documentId())) {
      DocumentMeta known = meta(meta.documentId());
      if (!known.equals(meta)) {
        throw new EvidenceException(
            EvidenceException.Code.BAD_DOCUMENT, "the document is known with other details");
      }
      refuseIfDeleted(meta.documentId());
      if (accepted(meta.documentId())) {
        throw new EvidenceException(EvidenceException.Code.ALREADY_ACCEPTED, "already accepted");
      }
    } else {
      create(meta);
    }
    if (writing.contains(meta.documentId())) {
      // The connection of a broken transfer may still be closing: the sender asks again.
      throw new EvidenceException(EvidenceException.Code.IN_USE, "a transfer is still open");
    }
    long received = receivedOffset(meta.documentId());
    if (offset != received) {
      throw new EvidenceException(
          EvidenceException.Code.WRONG_OFFSET, "the transfer resumes at " + received);
    }
    try {
      FileChannel data = FileChannel.open(dir.resolve("data.enc"), StandardOpenOption.WRITE);
      // Drop a chunk torn by a crash: only whole chunks count.
      data.truncate(received / ChunkCipher.CHUNK * ChunkCipher.RECORD);
      Incoming in = new Incoming(this, meta, cipher(meta.documentId()), data, received);
      writing.add(meta.documentId());
      return in;
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot open", e);
    }
  }

  /** The bytes of a document stored so far in whole chunks: where a broken transfer resumes. */
  public long receivedOffset(String documentId) {
    DocumentMeta meta = meta(documentId);
    refuseIfDeleted(documentId);
    try {
      long chunks = Files.size(dir(documentId).resolve("data.enc")) / ChunkCipher.RECORD;
      return Math.min(chunks * ChunkCipher.CHUNK, meta.size());
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot read", e);
    }
  }

  /** Whether a document is stored complete with its hash verified. */
  public boolean accepted(String documentId) {
    return Files.exists(dir(documentId).resolve("accepted"));
  }

  /** Whether the store has heard of a document at all. */
  public boolean known(String documentId) {
    return Files.isRegularFile(dir(documentId).resolve("meta.json"));
  }

  /** A document's description. */
  public DocumentMeta meta(String documentId) {
    Path file = dir(documentId).resolve("meta.json");
    if (!Files.isRegularFile(file)) {
      throw new EvidenceException(EvidenceException.Code.UNKNOWN_DOCUMENT, "no such document");
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.readValue(file.toFile(), Map.class);
      return new DocumentMeta(
          (String) m.get("documentId"),
          CaseRef.parse((String) m.get("case")),
          (String) m.get("sender"),
          (String) m.get("receiver"),
          (String) m.get("sha256"),
          ((Number) m.get("size")).longValue(),
          (String) m.get("salt"));
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot read meta", e);
    }
  }

  /** The documents of a case, accepted or not, by document id. */
  public List<DocumentMeta> byCase(CaseRef caseRef) {
    return documents().stream().filter(m -> m.caseRef().equals(caseRef)).toList();
  }

  /** Every document the store has heard of, accepted, deleted or not, by document id. */
  public List<DocumentMeta> documents() {
    List<DocumentMeta> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.sorted(Comparator.naturalOrder()).toList()) {
        if (Files.isRegularFile(d.resolve("meta.json"))) {
          out.add(meta(d.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot list", e);
    }
    return List.copyOf(out);
  }

  /**
   * Refuses ({@code DELETED}) a document deleted when its case's retention ended (decision 0030).
   */
  public void refuseIfDeleted(String documentId) {
    if (deletedAt(documentId).isPresent()) {
      throw new EvidenceException(
          EvidenceException.Code.DELETED, "deleted when its case's retention ended");
    }
  }

  /** When the document was deleted at its case's retention end, if it was. */
  public java.util.Optional<java.time.Instant> deletedAt(String documentId) {
    Path marker = dir(documentId).resolve("deleted");
    if (!Files.isRegularFile(marker)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(
          java.time.Instant.parse(
              Files.readString(marker, java.nio.charset.StandardCharsets.US_ASCII).trim()));
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot read marker", e);
    }
  }

  /**
   * Deletes a document's content at its case's retention end: the {@code deleted} marker first (so
   * a crash halfway leaves a document that is already refused), then the accepted marker, the
   * sealed key (without which the chunks are unreadable) and the chunks. The description stays.
   *
   * @return false when it was deleted before
   */
  public synchronized boolean delete(String documentId, java.time.Instant at) {
    Path dir = dir(documentId);
    boolean first = deletedAt(documentId).isEmpty();
    if (first) {
      SecureFiles.writeSecret(dir.resolve("deleted"), at.toString() + "\n");
    }
    try {
      for (String f : List.of("accepted", "key.sealed", "data.enc")) {
        Files.deleteIfExists(dir.resolve(f));
      }
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot delete", e);
    }
    return first;
  }

  /** The plaintext of an accepted document, decrypted as it is read. */
  public InputStream open(String documentId) {
    refuseIfDeleted(documentId);
    if (!accepted(documentId)) {
      throw new EvidenceException(EvidenceException.Code.UNKNOWN_DOCUMENT, "not accepted");
    }
    return openStored(meta(documentId));
  }

  /** The plaintext from {@code offset}, which must be on a chunk boundary or the document's end. */
  public InputStream open(String documentId, long offset) {
    InputStream in = open(documentId);
    try {
      in.skipNBytes(offset);
      return in;
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot skip", e);
    }
  }

  InputStream openStored(DocumentMeta meta) {
    try {
      return new ChunkReader(
          FileChannel.open(dir(meta.documentId()).resolve("data.enc"), StandardOpenOption.READ),
          cipher(meta.documentId()),
          meta.size());
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot open", e);
    }
  }

  synchronized void released(String documentId) {
    writing.remove(documentId);
  }

  synchronized void markAccepted(String documentId) {
    // A transfer that was open when retention ended: its content must not come back.
    refuseIfDeleted(documentId);
    try {
      Path marker = dir(documentId).resolve("accepted");
      if (!Files.exists(marker)) {
        SecureFiles.writeSecret(marker, "accepted\n");
      }
    } catch (RuntimeException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot accept", e);
    }
  }

  synchronized void delete(String documentId) {
    Path dir = dir(documentId);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot delete", e);
    }
  }

  private void create(DocumentMeta meta) {
    Path dir = SecureFiles.createPrivateDirectories(dir(meta.documentId()));
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    SecureFiles.writeSecret(dir.resolve("key.sealed"), sealer.seal(owner(meta.documentId()), key));
    SecureFiles.writeSecret(dir.resolve("data.enc"), new byte[0]);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documentId", meta.documentId());
    m.put("case", meta.caseRef().toString());
    m.put("sender", meta.sender());
    m.put("receiver", meta.receiver());
    m.put("sha256", meta.sha256());
    m.put("size", meta.size());
    m.put("salt", meta.salt());
    try {
      // meta.json last: a folder without it is an unfinished creation and is replaced.
      SecureFiles.writeSecret(dir.resolve("meta.json"), JSON.writeValueAsBytes(m));
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot write meta", e);
    }
  }

  private ChunkCipher cipher(String documentId) {
    try {
      String sealed =
          Files.readString(
                  dir(documentId).resolve("key.sealed"), java.nio.charset.StandardCharsets.US_ASCII)
              .trim();
      return new ChunkCipher(sealer.open(owner(documentId), sealed), documentId);
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot read key", e);
    }
  }

  private Path dir(String documentId) {
    if (documentId == null || !documentId.matches("[a-z0-9][a-z0-9-]{7,63}")) {
      throw new EvidenceException(EvidenceException.Code.BAD_DOCUMENT, "not a valid document id");
    }
    return root.resolve(documentId);
  }

  private static String owner(String documentId) {
    return "evidence-file:" + documentId;
  }
}
