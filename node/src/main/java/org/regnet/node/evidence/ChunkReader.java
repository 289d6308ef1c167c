package org.regnet.node.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a document's sealed chunks back as plaintext, one chunk in memory at a time. */
final class ChunkReader extends InputStream {
  private final FileChannel data;
  private final ChunkCipher cipher;
  private final long size;
  private final byte[] record = new byte[ChunkCipher.RECORD];
  private byte[] plain = new byte[0];
  private int pos;
  private long delivered;
  private long index;

  ChunkReader(FileChannel data, ChunkCipher cipher, long size) {
    this.data = data;
    this.cipher = cipher;
    this.size = size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == plain.length && !nextChunk()) {
      return -1;
    }
    int n = Math.min(len, plain.length - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    delivered += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Whole chunks are skipped without decrypting them.
    long skipped = 0;
    while (pos == plain.length
        && n - skipped >= ChunkCipher.CHUNK
        && delivered + ChunkCipher.CHUNK < size) {
      index++;
      delivered += ChunkCipher.CHUNK;
      skipped += ChunkCipher.CHUNK;
    }
    return skipped + super.skip(n - skipped);
  }

  private boolean nextChunk() throws IOException {
    if (delivered >= size) {
      return false;
    }
    long remaining = size - delivered;
    int length = (int) Math.min(ChunkCipher.CHUNK, remaining) + ChunkCipher.IV + ChunkCipher.TAG;
    ByteBuffer buf = ByteBuffer.wrap(record, 0, length);
    long at = index * ChunkCipher.RECORD;
    while (buf.hasRemaining()) {
      int n = data.read(buf, at + buf.position());
      if (n < 0) {
        throw new IOException("stored document is shorter than its size");
      }
    }
    plain = cipher.open(index, remaining <= ChunkCipher.CHUNK, record, length);
    pos = 0;
    index++;
    return true;
  }

  @Override
  public void close() throws IOException {
    data.close();
  }
}
