package org.regnet.node.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts users' Fabric private keys at rest: AES-256-GCM under a key derived once, at start, from
 * the node secret (PBKDF2-HMAC-SHA256). The user name is bound in as associated data, so a sealed
 * key copied to another user's row does not open.
 */
public final class KeySealer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKey key;

  public KeySealer(String secret) {
    try {
      byte[] derived =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(
                  new PBEKeySpec(
                      secret.toCharArray(),
                      "regnet-node-user-keys".getBytes(StandardCharsets.UTF_8),
                      120_000,
                      256))
              .getEncoded();
      this.key = new SecretKeySpec(derived, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String seal(String owner, byte[] plaintext) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      return Base64.getEncoder().encodeToString(iv) + "." + Base64.getEncoder().encodeToString(ct);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] open(String owner, String sealed) {
    try {
      String[] parts = sealed.split("\\.", 2);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(Base64.getDecoder().decode(parts[1]));
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("cannot open the key of " + owner + " (wrong node secret?)");
    }
  }
}
