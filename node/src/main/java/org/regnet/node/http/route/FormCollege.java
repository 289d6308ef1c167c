package org.regnet.node.http.route;

import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.CollegeCases;

/**
 * POST /v1/colleges: form a college of three to eight active members of one treaty, this authority
 * included (MiCA Art. 119, decision 0035). Everything about it, its title and members too, travels
 * in the transient map to the members' peers only, and each member's peer endorses.
 */
public final class FormCollege implements Route {
  private final CollegeCases cases;

  public FormCollege(CollegeCases cases) {
    this.cases = cases;
  }

  @Override
  public RouteSpec spec() {
    return Specs.post(
        "/v1/colleges",
        "college:form",
        "Form a college of three or more member authorities of a treaty",
        "College",
        Specs.req("treatyId", "string"),
        Specs.req("title", "string"),
        Specs.req("members", "array"));
  }

  @Override
  public Reply handle(RouteRequest request) {
    return Reply.ok(cases.form(request.user().username(), request.body().deepCopy()));
  }
}
