package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.store.UserStore;

/** GET /v1/users: this authority's users (name, role, disabled), for its treaty admins. */
public final class ListUsers implements Route {
  private final UserStore users;

  public ListUsers(UserStore users) {
    this.users = users;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get("/v1/users", "users:admin", "This authority's users", "Users");
  }

  @Override
  public Reply handle(RouteRequest r) {
    var out = Json.object();
    var items = out.putArray("items");
    users
        .all()
        .forEach(
            u ->
                items
                    .addObject()
                    .put("username", u.username())
                    .put("role", u.role())
                    .put("disabled", u.disabled()));
    return Reply.ok(out);
  }
}
