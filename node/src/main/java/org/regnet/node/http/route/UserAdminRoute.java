package org.regnet.node.http.route;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.regnet.node.http.ApiException;
import org.regnet.node.http.FieldSpec;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.UserAdmin;

/**
 * The user administration routes, for this authority's treaty admins: each declared as data by a
 * small subclass; bad input is refused naming the field; an admin cannot disable or demote themself
 * (so an authority is never left without one by accident).
 */
abstract class UserAdminRoute implements Route {
  private final RouteSpec spec;
  final UserAdmin admin;
  final Ledger ledger;

  UserAdminRoute(String path, String summary, UserAdmin admin, Ledger ledger, FieldSpec... body) {
    this.spec =
        new RouteSpec(
            HttpMethod.POST,
            path,
            "users:admin",
            summary,
            List.of(body),
            "User",
            List.of(200, 400, 401, 403, 404));
    this.admin = admin;
    this.ledger = ledger;
  }

  @Override
  public RouteSpec spec() {
    return spec;
  }

  @Override
  public Reply handle(RouteRequest r) {
    String username = r.path("username");
    try {
      if (!apply(r, username)) {
        throw new ApiException("NOT_FOUND", "username", "no such user");
      }
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      int colon = m.indexOf(':');
      String field =
          colon > 0 && m.substring(0, colon).matches("[a-z]+") ? m.substring(0, colon) : null;
      throw new ApiException(
          "VALIDATION_FAILED", field, colon > 0 ? m.substring(colon + 1).trim() : m);
    }
    // Its gateway carries the old certificate or belongs to a disabled user.
    ledger.forget(username);
    var out = Json.object();
    out.put("username", username);
    out.put("done", true);
    return Reply.ok(out);
  }

  /** Does the work; false when there is no such user. */
  abstract boolean apply(RouteRequest r, String username);

  static void notSelf(RouteRequest r, String username, String what) {
    if (r.user().username().equals(username)) {
      throw new ApiException("VALIDATION_FAILED", "username", "you cannot " + what + " yourself");
    }
  }
}
