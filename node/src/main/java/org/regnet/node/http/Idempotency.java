package org.regnet.node.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.regnet.node.service.IdempotencyScope;
import org.regnet.node.store.IdempotencyStore;

/**
 * {@code Idempotency-Key} on writes: the first outcome of a (user, key) is stored and a retry of
 * the same request gets it again; the same key on a different request is refused. A key whose first
 * attempt has no outcome and is not running here (the node stopped mid-write) runs again: the
 * chaincode derives the new object's id from the key, so that second run finds the first object
 * instead of making another. Outcomes of 5xx (the node could not try) are not kept.
 */
public final class Idempotency {
  public static final String HEADER = "idempotency-key";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~:-]{8,128}");
  private final IdempotencyStore store;
  private final Clock clock;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  public Idempotency(IdempotencyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Runs {@code write} once per (user, key, request); replays its outcome to retries. */
  public Route.Reply run(
      String username,
      String key,
      String method,
      String path,
      byte[] body,
      Supplier<Route.Reply> write) {
    if (!KEY.matcher(key).matches()) {
      throw new ApiException(
          "VALIDATION_FAILED", "Idempotency-Key", "8 to 128 of A-Z a-z 0-9 . _ ~ : -");
    }
    String flight = username + "\u0000" + key;
    if (!running.add(flight)) {
      throw new ApiException(
          "IN_PROGRESS", "Idempotency-Key", "a request with this key is still running", 1);
    }
    try {
      String requestHash = requestHash(method, path, body);
      IdempotencyStore.Claim claim = store.claim(username, key, requestHash, clock.instant());
      if (claim instanceof IdempotencyStore.Mismatch) {
        throw new ApiException(
            "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key", "this key was used for another request");
      }
      if (claim instanceof IdempotencyStore.Done done) {
        return new Route.Reply(done.status(), Json.parse(done.body()));
      }
      // The ledger gets the key bound to this very request: a key reused later for another
      // request (after its outcome here expired) names other objects, never the old ones.
      Route.Reply reply = IdempotencyScope.with(username, key + "\u0000" + requestHash, write);
      if (retryable(reply.status())) {
        store.release(username, key);
      } else {
        store.complete(username, key, reply.status(), Json.text(reply.body()));
      }
      return reply;
    } finally {
      running.remove(flight);
    }
  }

  /**
   * Outcomes a retry should not be stuck with: the node could not try (5xx), or the ledger said
   * "changed concurrently, try again" (409), or a throttle (429), or the commit status did not come
   * back (202 PENDING): a transaction lost with a killed orderer never commits, and its client must
   * be able to send it again (the fault suite found this; docs/reliability.md). The retry runs
   * again under the same key, so the chaincode finds the first object if it did commit. Everything
   * else is final.
   */
  private static boolean retryable(int status) {
    return status >= 500 || status == 409 || status == 429 || status == 202;
  }

  private static String requestHash(String method, String path, byte[] body) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      md.update(body);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
