package org.regnet.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the admin listener's write operations: HMAC-SHA256 of a fixed label under the node
 * secret, so only someone who holds the secret (the operator running the admin CLI) can use them,
 * even from another account on the same host.
 */
public final class AdminKey {
  /** The header that carries it. */
  public static final String HEADER = "X-Regnet-Admin-Key";

  private AdminKey() {}

  public static String derive(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal("regnet node admin api".getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of a presented key with the expected one. */
  public static boolean matches(String expected, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.US_ASCII));
  }
}
