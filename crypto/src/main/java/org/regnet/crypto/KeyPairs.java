package org.regnet.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** ECDSA P-256 key pairs, the curve Fabric's default crypto provider expects. */
public final class KeyPairs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairs() {}

  public static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 unavailable", e);
    }
  }
}
