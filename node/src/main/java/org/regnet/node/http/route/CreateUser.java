package org.regnet.node.http.route;

import org.regnet.node.http.ApiException;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.UserAdmin;

/**
 * POST /v1/users {username, role, password}: a new user with a Fabric certificate from the
 * authority's CA carrying the role.
 */
public final class CreateUser implements Route {
  private final UserAdmin admin;

  public CreateUser(UserAdmin admin) {
    this.admin = admin;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/users",
        "users:admin",
        "Create a user of this authority",
        "User",
        Specs.req("username", "string"),
        Specs.req("role", "string"),
        Specs.req("password", "string"));
  }

  @Override
  public Reply handle(RouteRequest r) {
    String username = r.body().get("username").asText();
    try {
      admin.create(username, r.body().get("role").asText(), r.body().get("password").asText());
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      int colon = m.indexOf(':');
      String field =
          colon > 0 && m.substring(0, colon).matches("[a-z]+") ? m.substring(0, colon) : "password";
      String message = colon > 0 ? m.substring(colon + 1).trim() : m;
      if (message.equals("already exists")) {
        throw new ApiException("CONFLICT", field, "user already exists");
      }
      throw new ApiException("VALIDATION_FAILED", field, message);
    }
    var out = Json.object();
    out.put("username", username);
    out.put("role", r.body().get("role").asText());
    out.put("disabled", false);
    return Reply.ok(out);
  }
}
