package org.regnet.chaincode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. */
public final class Hashes {

  private Hashes() {}

  public static String sha256Hex(final byte[]... parts) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw ErrorCode.INTERNAL.exception("sha256", "unavailable");
    }
  }
}
