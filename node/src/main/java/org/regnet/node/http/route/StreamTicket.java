package org.regnet.node.http.route;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.regnet.node.auth.StreamTickets;
import org.regnet.node.auth.Tokens;
import org.regnet.node.http.Json;
import org.regnet.node.http.Route;
import org.regnet.node.http.RouteRequest;
import org.regnet.node.http.RouteSpec;

/**
 * POST /v1/inbox/stream-ticket: a short-lived, single-use ticket for {@code GET
 * /v1/inbox/stream?ticket=...}, for browsers, whose EventSource cannot send a bearer token. The
 * ticket stands for the caller's token (the stream ends when that token does) and, unlike the
 * token, is harmless once used or expired if it ends up in a log of URLs.
 */
public final class StreamTicket implements Route {
  private final StreamTickets tickets;

  public StreamTicket(StreamTickets tickets) {
    this.tickets = tickets;
  }

  @Override
  public RouteSpec spec() {
    return new RouteSpec(
        HttpMethod.POST,
        "/v1/inbox/stream-ticket",
        "inbox:read",
        "A single-use ticket to open the inbox stream from a browser (?ticket=)",
        List.of(),
        "StreamTicket",
        List.of(200, 401, 403));
  }

  @Override
  public Reply handle(RouteRequest request) {
    Tokens.Issued t = tickets.issue(request.token());
    return Reply.ok(
        Json.object().put("ticket", t.token()).put("expiresAt", t.expiresAt().toString()));
  }
}
