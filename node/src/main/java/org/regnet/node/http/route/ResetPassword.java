package org.regnet.node.http.route;

import org.regnet.node.http.RouteRequest;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.UserAdmin;

/** POST /v1/users/{username}/password {password}. */
public final class ResetPassword extends UserAdminRoute {
  public ResetPassword(UserAdmin admin, Ledger ledger) {
    super(
        "/v1/users/{username}/password",
        "Reset a user's password (revokes their tokens)",
        admin,
        ledger,
        Specs.req("password", "string"));
  }

  @Override
  boolean apply(RouteRequest r, String username) {
    return admin.rotatePassword(username, r.body().get("password").asText());
  }
}
