package org.regnet.chaincode.model.payload;

import java.util.Map;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.validate.Check;

/** A digest of an evidence file held by the originator. */
public record EvidenceDigest(String algorithm, String digest, String description) {

  private static final Map<String, Integer> HEX_LENGTH =
      Map.of("SHA-256", 64, "SHA-384", 96, "SHA-512", 128, "SHA3-256", 64);

  public EvidenceDigest validated(final String f) {
    Check.required(f + ".algorithm", algorithm);
    final Integer len = HEX_LENGTH.get(algorithm);
    if (len == null) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          f + ".algorithm", "must be SHA-256, SHA-384, SHA-512 or SHA3-256");
    }
    Check.hex(f + ".digest", digest, len);
    Check.optionalText(f + ".description", description, 500, false);
    return this;
  }
}
