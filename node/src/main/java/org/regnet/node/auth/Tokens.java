package org.regnet.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.regnet.node.store.TokenStore;

/** Opaque bearer tokens: 256 random bits to the client, only their SHA-256 in the database. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final TokenStore store;
  private final Duration ttl;
  private final Clock clock;

  public Tokens(TokenStore store, Duration ttl, Clock clock) {
    this.store = store;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A new token for {@code username}, with its expiry. */
  public Issued issue(String username) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expires = clock.instant().plus(ttl);
    store.save(hash(token), username, expires);
    return new Issued(token, expires);
  }

  public Optional<String> user(String token) {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    return store.liveUser(hash(token), clock.instant());
  }

  public void revoke(String token) {
    store.revoke(hash(token));
  }

  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token as handed to the client once. */
  public record Issued(String token, Instant expiresAt) {}
}
