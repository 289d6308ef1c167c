package org.regnet.node.http.route;

import org.regnet.node.http.ApiException;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.Casework;

/** POST /v1/casework/referrals/{referralId}/notes {text}: an internal note, node-local. */
public final class AddNote implements Route {
  private final Casework casework;

  public AddNote(Casework casework) {
    this.casework = casework;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/casework/referrals/{referralId}/notes",
        "casework:write",
        "Add an internal note to a referral (node-local, never on the ledger)",
        "Casework",
        Specs.req("text", "string"));
  }

  @Override
  public Reply handle(RouteRequest r) {
    try {
      return Reply.ok(
          casework.note(r.user().username(), r.path("referralId"), r.body().get("text").asText()));
    } catch (Casework.Invalid e) {
      throw new ApiException("VALIDATION_FAILED", e.field(), e.getMessage());
    }
  }
}
