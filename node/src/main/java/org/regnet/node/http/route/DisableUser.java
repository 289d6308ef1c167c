package org.regnet.node.http.route;

import org.regnet.node.http.RouteRequest;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.UserAdmin;

/** POST /v1/users/{username}/disable. */
public final class DisableUser extends UserAdminRoute {
  public DisableUser(UserAdmin admin, Ledger ledger) {
    super("/v1/users/{username}/disable", "Disable a user (revokes their tokens)", admin, ledger);
  }

  @Override
  boolean apply(RouteRequest r, String username) {
    notSelf(r, username, "disable");
    return admin.disable(username);
  }
}
