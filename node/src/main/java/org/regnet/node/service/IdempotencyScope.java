package org.regnet.node.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The idempotency key of the request being handled on this thread, scoped to its user, so that the
 * ledger calls a route makes carry it without every use case passing it along. The chaincode
 * derives a new object's id from it (and the caller's MSP): a retry names the same object.
 */
public final class IdempotencyScope {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private IdempotencyScope() {}

  /**
   * Runs {@code work} with the key of {@code username}'s request bound: the ledger sees
   * SHA-256(username, 0, key) in hex, so two users' equal keys never name the same object.
   */
  public static <T> T with(String username, String clientKey, Supplier<T> work) {
    CURRENT.set(scoped(username, clientKey));
    try {
      return work.get();
    } finally {
      CURRENT.remove();
    }
  }

  /** The scoped key bound to this thread, if the request has one. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The id the chaincode derives for an object of {@code prefix} created under the key. */
  public static String derivedId(String prefix, String msp, String scopedKey) {
    return prefix + "-" + sha256Hex(msp, scopedKey).substring(0, 16);
  }

  static String scoped(String username, String clientKey) {
    return sha256Hex(username, clientKey);
  }

  private static String sha256Hex(String a, String b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(a.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(b.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
