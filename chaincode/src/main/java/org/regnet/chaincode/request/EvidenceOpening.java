package org.regnet.chaincode.request;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.validate.Check;

/**
 * What only the two parties know of a custody record, sent in the transient map ({@code evidence}):
 * the document, its case ({@code referral:<id>} or {@code rfa:<id>}), the parties, the SHA-256 of
 * the document, its size and the parties' salt (hex, 16 to 64 bytes). It opens the record's
 * commitment; nothing of it is written where non-parties read.
 */
public record EvidenceOpening(
    String documentId,
    String caseRef,
    String sender,
    String receiver,
    String sha256,
    long size,
    String salt) {

  /** The transient map key. */
  public static final String TRANSIENT_KEY = "evidence";

  public static final long MAX_SIZE = 4L << 30;
  private static final Pattern DOCUMENT = Pattern.compile("[a-z0-9][a-z0-9-]{7,63}");
  private static final Pattern CASE =
      Pattern.compile("(referral|rfa):[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SALT = Pattern.compile("([0-9a-f]{2}){16,64}");

  /** Checks every field; returns this. */
  public EvidenceOpening validated() {
    Check.matches("evidence.documentId", documentId, DOCUMENT, "a document id");
    Check.matches("evidence.caseRef", caseRef, CASE, "referral:<id> or rfa:<id>");
    Check.matches("evidence.sender", sender, Check.MSP, "an MSP id");
    Check.matches("evidence.receiver", receiver, Check.MSP, "an MSP id");
    Check.matches("evidence.sha256", sha256, SHA, "64 lower-case hex digits");
    Check.matches("evidence.salt", salt, SALT, "16 to 64 bytes in lower-case hex");
    if (size < 0 || size > MAX_SIZE) {
      throw ErrorCode.VALIDATION_FAILED.exception("evidence.size", "0 to " + MAX_SIZE);
    }
    if (sender.equals(receiver)) {
      throw ErrorCode.VALIDATION_FAILED.exception("evidence.receiver", "must not be the sender");
    }
    return this;
  }

  /** The case's kind, {@code referral} or {@code rfa}. */
  public String caseKind() {
    return caseRef.substring(0, caseRef.indexOf(':'));
  }

  /** The case's id. */
  public String caseId() {
    return caseRef.substring(caseRef.indexOf(':') + 1);
  }

  /** SHA-256(salt, 0, document id): the record's key, which says nothing without the salt. */
  public String custodyId() {
    return Hashes.sha256Hex(saltBytes(), new byte[] {0}, utf8(documentId));
  }

  /** SHA-256 over the salt and every field, each ended by a zero byte. */
  public String commitment() {
    return Hashes.sha256Hex(
        saltBytes(),
        new byte[] {0},
        utf8(
            documentId
                + "\0"
                + caseRef
                + "\0"
                + sender
                + "\0"
                + receiver
                + "\0"
                + sha256
                + "\0"
                + size));
  }

  private byte[] saltBytes() {
    return HexFormat.of().parseHex(salt);
  }

  private static byte[] utf8(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
