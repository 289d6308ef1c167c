package org.regnet.node.evidence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * One open write into the store, from the document's received offset on. Bytes are gathered into
 * one chunk, sealed and forced to disk chunk by chunk; {@link #finish} verifies the hash of what is
 * stored before the document counts as accepted. Closing without finishing keeps every whole chunk,
 * so the next transfer resumes from {@link #offset()}. Not thread-safe: one writer at a time.
 */
public final class Incoming implements AutoCloseable {
  private final EvidenceStore store;
  private final DocumentMeta meta;
  private final ChunkCipher cipher;
  private final FileChannel data;
  private final ByteBuffer pending = ByteBuffer.allocate(ChunkCipher.CHUNK);
  private long committed;
  private boolean open = true;

  Incoming(
      EvidenceStore store,
      DocumentMeta meta,
      ChunkCipher cipher,
      FileChannel data,
      long committed) {
    this.store = store;
    this.meta = meta;
    this.cipher = cipher;
    this.data = data;
    this.committed = committed;
  }

  /** The document this write is for. */
  public DocumentMeta meta() {
    return meta;
  }

  /** Bytes received so far, committed or pending. */
  public long offset() {
    return committed + pending.position();
  }

  /** Appends bytes; refuses anything past the declared size. */
  public void write(ByteBuffer bytes) {
    requireOpen();
    if (offset() + bytes.remaining() > meta.size()) {
      throw new EvidenceException(EvidenceException.Code.TOO_LARGE, "more bytes than declared");
    }
    while (bytes.hasRemaining()) {
      int n = Math.min(pending.remaining(), bytes.remaining());
      ByteBuffer slice = bytes.slice(bytes.position(), n);
      pending.put(slice);
      bytes.position(bytes.position() + n);
      if (!pending.hasRemaining()) {
        flushChunk();
      }
    }
  }

  /**
   * Seals the last chunk, verifies the SHA-256 of the stored document against the declared one and
   * accepts it; on a mismatch the document is deleted and {@code HASH_MISMATCH} thrown.
   */
  public void finish() {
    requireOpen();
    if (offset() != meta.size()) {
      throw new EvidenceException(
          EvidenceException.Code.WRONG_OFFSET, "document incomplete at " + offset());
    }
    if (pending.position() > 0 || meta.size() == 0) {
      flushChunk();
    }
    closeQuietly();
    // retention ended while this transfer was open: its content must not come back
    store.refuseIfDeleted(meta.documentId());
    byte[] actual = digestOfStored();
    if (!MessageDigest.isEqual(actual, meta.sha256Bytes())) {
      store.delete(meta.documentId());
      throw new EvidenceException(
          EvidenceException.Code.HASH_MISMATCH, "the received document's SHA-256 differs");
    }
    store.markAccepted(meta.documentId());
  }

  /** Stops writing, keeping every whole chunk for a resumed transfer. */
  @Override
  public void close() {
    if (open) {
      closeQuietly();
    }
  }

  private void flushChunk() {
    pending.flip();
    long index = committed / ChunkCipher.CHUNK;
    boolean last = committed + pending.remaining() == meta.size();
    long length = pending.remaining();
    ByteBuffer record = cipher.seal(index, last, pending);
    try {
      data.position(index * ChunkCipher.RECORD);
      while (record.hasRemaining()) {
        data.write(record);
      }
      // A chunk counts only once it is on disk: an acknowledged offset survives a crash.
      data.force(false);
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot write chunk", e);
    }
    committed += length;
    pending.clear();
  }

  private byte[] digestOfStored() {
    try (var in = store.openStored(meta)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
      }
      return sha.digest();
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot read back", e);
    }
  }

  private void requireOpen() {
    if (!open) {
      throw new IllegalStateException("closed");
    }
  }

  private void closeQuietly() {
    open = false;
    try {
      data.close();
    } catch (IOException e) {
      throw new EvidenceException(EvidenceException.Code.STORE_FAILED, "cannot close", e);
    } finally {
      store.released(meta.documentId());
    }
  }
}
