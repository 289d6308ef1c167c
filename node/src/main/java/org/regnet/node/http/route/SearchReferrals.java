package org.regnet.node.http.route;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.service.ReferralSearch;

/**
 * GET /v1/casework/referrals?box=inbox|outbox&status=A,B&typology=&counterparty=&from=&to=
 * &overdue=true&assignee=&unread=true: the user's referrals, filtered, with this authority's case
 * work (assignee, unread, overdue) and the box's unread count.
 */
public final class SearchReferrals implements Route {
  private final ReferralSearch search;
  private final Clock clock;

  public SearchReferrals(ReferralSearch search, Clock clock) {
    this.search = search;
    this.clock = clock;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/casework/referrals",
        "referral:listInbox",
        "Search referrals (box, status, typology, counterparty, from, to, overdue, assignee,"
            + " unread)",
        "ReferralSearch");
  }

  @Override
  public Reply handle(RouteRequest r) {
    String statuses = r.query("status");
    Set<String> status =
        statuses == null || statuses.isEmpty()
            ? Set.of()
            : Arrays.stream(statuses.split(","))
                .map(s -> Queries.matching(s, "status", Queries.ENUM))
                .collect(Collectors.toSet());
    var filter =
        new ReferralSearch.Filter(
            Queries.oneOf(r.query("box"), "box", Set.of("inbox", "outbox"), "inbox"),
            status,
            Queries.matching(r.query("typology"), "typology", Queries.ENUM),
            Queries.matching(r.query("counterparty"), "counterparty", Queries.MSP),
            Queries.instant(r.query("from"), "from"),
            Queries.instant(r.query("to"), "to"),
            Queries.flag(r.query("overdue"), "overdue"),
            Queries.matching(r.query("assignee"), "assignee", Queries.USER),
            Queries.flag(r.query("unread"), "unread"));
    return Reply.ok(search.search(r.user().username(), filter, clock.instant()));
  }
}
