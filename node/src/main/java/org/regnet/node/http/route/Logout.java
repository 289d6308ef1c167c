package org.regnet.node.http.route;

import org.regnet.node.auth.Tokens;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/** POST /v1/auth/logout: revokes the caller's token. */
public final class Logout implements Route {
  private final Tokens tokens;

  public Logout(Tokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/auth/logout", "inbox:read", "Revoke the token used for this call", "Empty");
  }

  @Override
  public Reply handle(RouteRequest request) {
    tokens.revoke(request.token());
    return Reply.ok(Json.object().put("revoked", true));
  }
}
