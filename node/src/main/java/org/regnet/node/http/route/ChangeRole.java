package org.regnet.node.http.route;

import org.regnet.node.http.RouteRequest;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.UserAdmin;

/** POST /v1/users/{username}/role {role}. */
public final class ChangeRole extends UserAdminRoute {
  public ChangeRole(UserAdmin admin, Ledger ledger) {
    super(
        "/v1/users/{username}/role",
        "Change a user's role: a new certificate carries it; tokens revoked",
        admin,
        ledger,
        Specs.req("role", "string"));
  }

  @Override
  boolean apply(RouteRequest r, String username) {
    notSelf(r, username, "change the role of");
    return admin.changeRole(username, r.body().get("role").asText());
  }
}
