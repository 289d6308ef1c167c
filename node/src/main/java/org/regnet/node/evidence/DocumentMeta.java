package org.regnet.node.evidence;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the store knows of one document: its id, case, the authority that sent it and the one that
 * receives it, its declared SHA-256 (hex) and size in bytes, and the custody salt the sender drew
 * (hex, 32 bytes), which keys the document's custody record on the ledger so that non-parties
 * cannot link it to the case or the hash (docs/decisions/0019).
 */
public record DocumentMeta(
    String documentId,
    CaseRef caseRef,
    String sender,
    String receiver,
    String sha256,
    long size,
    String salt) {
  /** The largest document the store takes: 4 GiB, far above the 100 MB the MMoU work needs. */
  public static final long MAX_SIZE = 4L << 30;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{7,63}");
  private static final Pattern MSP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SALT = HEX;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /** A fresh custody salt for a document this node sends. */
  public static String newSalt() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public DocumentMeta {
    Objects.requireNonNull(caseRef, "caseRef");
    check(documentId != null && ID.matcher(documentId).matches(), "not a valid document id");
    check(sender != null && MSP.matcher(sender).matches(), "not a valid sender");
    check(receiver != null && MSP.matcher(receiver).matches(), "not a valid receiver");
    check(!sender.equals(receiver), "sender == receiver");
    check(sha256 != null && HEX.matcher(sha256).matches(), "sha256 is 64 lower-case hex digits");
    check(salt != null && SALT.matcher(salt).matches(), "salt is 32 bytes in lower-case hex");
    if (size < 0 || size > MAX_SIZE) {
      throw new EvidenceException(EvidenceException.Code.TOO_LARGE, "size out of range");
    }
  }

  /** The hash as bytes. */
  public byte[] sha256Bytes() {
    return HexFormat.of().parseHex(sha256);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new EvidenceException(EvidenceException.Code.BAD_DOCUMENT, message);
    }
  }
}
