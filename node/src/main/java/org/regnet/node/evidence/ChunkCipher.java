package org.regnet.node.evidence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over one document's chunks, each sealed on its own so a broken transfer keeps every
 * whole chunk it wrote. The associated data binds the document id, the chunk's index and whether it
 * is the last, so chunks cannot be reordered, moved to another document or cut off at the end
 * without failing to open. A random IV per chunk: a resumed transfer may seal the same index again.
 */
final class ChunkCipher {
  /** Plaintext bytes per chunk; the heap holds at most one chunk per transfer. */
  static final int CHUNK = 1 << 20;

  static final int IV = 12;
  static final int TAG = 16;

  /** The stored size of a full chunk. */
  static final int RECORD = CHUNK + IV + TAG;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;
  private final String documentId;

  ChunkCipher(byte[] key, String documentId) {
    if (key.length != 32) {
      throw new IllegalArgumentException("key is 256 bits");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.documentId = documentId;
  }

  /** Seals {@code plain} as chunk {@code index}: IV then ciphertext and tag. */
  ByteBuffer seal(long index, boolean last, ByteBuffer plain) {
    try {
      byte[] iv = new byte[IV];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      c.updateAAD(aad(index, last));
      ByteBuffer out = ByteBuffer.allocate(IV + plain.remaining() + TAG);
      out.put(iv);
      c.doFinal(plain, out);
      return out.flip();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens a record sealed by {@link #seal}; fails if anything in it or its place changed. */
  byte[] open(long index, boolean last, byte[] record, int length) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, record, 0, IV));
      c.updateAAD(aad(index, last));
      return c.doFinal(record, IV, length - IV);
    } catch (AEADBadTagException e) {
      throw new EvidenceException(
          EvidenceException.Code.STORE_FAILED, "stored chunk " + index + " does not open");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] aad(long index, boolean last) {
    return ("regnet-evidence:" + documentId + ":" + index + ":" + (last ? "last" : "more"))
        .getBytes(StandardCharsets.UTF_8);
  }
}
