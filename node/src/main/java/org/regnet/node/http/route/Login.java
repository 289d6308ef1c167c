package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.regnet.node.auth.LoginGate;
import org.regnet.node.auth.Passwords;
import org.regnet.node.auth.Tokens;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.CostlyRoute;
import org.regnet.node.http.Json;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.store.LoginThrottle;
import org.regnet.node.store.UserStore;

/**
 * POST /v1/auth/login: a bearer token for a user name and password. Cheap refusals come first: a
 * throttled address or name-from-address gets 429 with Retry-After, and when the memory budget of
 * password verification is spent the login gets 503 with Retry-After, without hashing. An unknown
 * user and a wrong password get the same answer after the same work (a dummy hash is checked).
 */
public final class Login implements CostlyRoute {
  private final UserStore users;
  private final Passwords passwords;
  private final Tokens tokens;
  private final LoginThrottle throttle;
  private final LoginGate gate;
  private final Clock clock;

  public Login(
      UserStore users,
      Passwords passwords,
      Tokens tokens,
      LoginThrottle throttle,
      LoginGate gate,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.gate = gate;
    this.clock = clock;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        HttpMethod.POST,
        "/v1/auth/login",
        null,
        "Log in with user name and password; answers a bearer token",
        List.of(Specs.req("username", "string"), Specs.req("password", "string")),
        "Token",
        List.of(200, 400, 401, 429, 503));
  }

  @Override
  public Reply handle(RouteRequest request) {
    String username = request.body().get("username").asText();
    String password = request.body().get("password").asText();
    if (username.length() > 64) {
      throw new ApiException("VALIDATION_FAILED", "username", "at most 64 characters");
    }
    String address = request.clientAddress();
    Duration wait = throttle.wait(username, address, clock.instant());
    if (!wait.isZero()) {
      throw new ApiException(
          "LOCKED", null, "too many failed logins; try again later", seconds(wait));
    }
    String hash =
        users
            .find(username)
            .filter(u -> !u.disabled())
            .flatMap(u -> users.passwordHash(username))
            .orElse(null);
    Optional<LoginGate.Permit> permit = gate.tryEnter(passwords.memoryKiB(hash));
    if (permit.isEmpty()) {
      throw new ApiException("BUSY", null, "too many logins at once; try again shortly", 1);
    }
    boolean ok;
    try (LoginGate.Permit p = permit.get()) {
      ok = passwords.matches(password, hash);
      if (ok) {
        // A hash made under older Argon2 parameters is replaced by one under the current policy.
        passwords.rehash(password, hash).ifPresent(h -> users.setPasswordHash(username, h));
      }
    }
    if (!ok) {
      throttle.failed(username, address, clock.instant());
      throw new ApiException("LOGIN_FAILED", "invalid user name or password");
    }
    throttle.succeeded(username, address);
    Tokens.Issued t = tokens.issue(username);
    ObjectNode out = Json.object();
    out.put("token", t.token());
    out.put("tokenType", "Bearer");
    out.put("expiresAt", t.expiresAt().toString());
    return Reply.ok(out);
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
