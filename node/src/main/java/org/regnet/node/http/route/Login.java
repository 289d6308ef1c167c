package org.regnet.node.http.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.regnet.node.auth.Passwords;
import org.regnet.node.auth.Tokens;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.store.LoginThrottle;
import org.regnet.node.store.UserStore;

/**
 * POST /v1/auth/login: a bearer token for a user name and password. An unknown user and a wrong
 * password get the same answer after the same work (a dummy hash is checked); repeated failures
 * lock the name for a while, whether it exists or not.
 */
public final class Login implements Route {
  private final UserStore users;
  private final Passwords passwords;
  private final Tokens tokens;
  private final LoginThrottle throttle;
  private final Clock clock;

  public Login(
      UserStore users, Passwords passwords, Tokens tokens, LoginThrottle throttle, Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.clock = clock;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        io.netty.handler.codec.http.HttpMethod.POST,
        "/v1/auth/login",
        null,
        "Log in with user name and password; answers a bearer token",
        java.util.List.of(Specs.req("username", "string"), Specs.req("password", "string")),
        "Token",
        java.util.List.of(200, 400, 401, 429));
  }

  @Override
  public Reply handle(RouteRequest request) {
    String username = request.body().get("username").asText();
    String password = request.body().get("password").asText();
    if (username.length() > 64) {
      throw new ApiException("VALIDATION_FAILED", "username", "at most 64 characters");
    }
    if (throttle.isLocked(username, clock.instant())) {
      passwords.matches(password, null);
      throw new ApiException("LOCKED", "too many failed logins; try again later");
    }
    String hash =
        users
            .find(username)
            .filter(u -> !u.disabled())
            .flatMap(u -> users.passwordHash(username))
            .orElse(null);
    if (!passwords.matches(password, hash)) {
      throttle.failed(username, clock.instant());
      throw new ApiException("LOGIN_FAILED", "invalid user name or password");
    }
    throttle.succeeded(username);
    Tokens.Issued t = tokens.issue(username);
    ObjectNode out = Json.object();
    out.put("token", t.token());
    out.put("tokenType", "Bearer");
    out.put("expiresAt", t.expiresAt().toString());
    return Reply.ok(out);
  }
}
