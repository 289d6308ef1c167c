package org.regnet.node.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.regnet.crypto.Pem;
import org.regnet.crypto.SecureFiles;

/**
 * The node's own private keys at rest (its issuing CA's, its organisation admin's): sealed with the
 * node secret, as users' keys are, in owner-only files. The purpose is bound in as associated data,
 * so the admin key's file cannot stand in for the CA's.
 */
public final class SealedKeys {
  /** The key of the issuing CA that certifies the node's users and event reader. */
  public static final String ISSUING_CA = "issuing-ca";

  /** The organisation admin's key that signs channel configuration updates. */
  public static final String ORG_ADMIN = "org-admin";

  private SealedKeys() {}

  /** Seals a PEM private key read from {@code plainPem} into {@code sealedFile} (0600). */
  public static void seal(KeySealer sealer, String purpose, Path plainPem, Path sealedFile) {
    PrivateKey key = Pem.readPrivateKey(plainPem); // refuse anything that is not a key
    SecureFiles.writeSecret(
        sealedFile,
        sealer.seal(owner(purpose), Pem.encode(key).getBytes(StandardCharsets.US_ASCII)));
  }

  /** Opens a key sealed by {@link #seal}; fails on another secret or another purpose. */
  public static PrivateKey open(KeySealer sealer, String purpose, Path sealedFile) {
    try {
      String sealed = Files.readString(sealedFile, StandardCharsets.US_ASCII).trim();
      return Pem.privateKey(
          new String(sealer.open(owner(purpose), sealed), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sealedFile, e);
    }
  }

  private static String owner(String purpose) {
    return "node-key:" + purpose;
  }
}
