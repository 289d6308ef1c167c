package org.regnet.node.http.route;

import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;
import org.regnet.node.store.InboxStore;

/** GET /v1/inbox?after=&limit=: what arrived for this authority, oldest first. */
public final class ListInbox implements Route {
  private final InboxStore inbox;

  public ListInbox(InboxStore inbox) {
    this.inbox = inbox;
  }

  @Override
  public RouteSpec spec() {
    return Specs.get(
        "/v1/inbox", "inbox:read", "Inbox items after a position (after, limit)", "InboxPage");
  }

  @Override
  public Reply handle(RouteRequest request) {
    long after = InboxItems.position(request.query("after"), "after");
    long limit = InboxItems.position(request.query("limit"), "limit");
    int n = (int) Math.min(limit == 0 ? 100 : limit, 500);
    var items = inbox.after(after, n);
    var out = Json.object();
    out.set("items", InboxItems.array(items));
    out.put("next", items.isEmpty() ? after : items.get(items.size() - 1).seq());
    return Reply.ok(out);
  }
}
