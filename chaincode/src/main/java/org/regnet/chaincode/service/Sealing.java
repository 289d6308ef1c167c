package org.regnet.chaincode.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.json.Json;
import org.regnet.chaincode.model.payload.SealedPayload;

/** Salted hashing of confidential content: hash = hex(SHA-256(salt || canonical JSON)). */
final class Sealing {

  private Sealing() {}

  static SealedPayload seal(final Object validatedContent, final byte[] salt) {
    final byte[] canonical = Json.bytes(validatedContent);
    return new SealedPayload(
        Base64.getEncoder().encodeToString(salt),
        new String(canonical, StandardCharsets.UTF_8),
        Hashes.sha256Hex(salt, canonical));
  }
}
