package org.regnet.node.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that let a browser's EventSource (which cannot send an
 * Authorization header) open the inbox stream: a logged-in client trades its bearer token for a
 * ticket and puts it in the stream URL. The ticket stands for the token, so the stream still ends
 * when the token expires or is revoked. Held in memory only: a restart invalidates them, which
 * costs a client one more ticket request.
 */
public final class StreamTickets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_OUTSTANDING = 10_000;
  private final Map<String, Entry> tickets = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  private record Entry(String token, Instant expires) {}

  public StreamTickets(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A new ticket for {@code token}, with its expiry. */
  public Tokens.Issued issue(String token) {
    Instant now = clock.instant();
    if (tickets.size() >= MAX_OUTSTANDING) {
      tickets.values().removeIf(e -> !e.expires().isAfter(now));
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant expires = now.plus(ttl);
    tickets.put(Tokens.hash(ticket), new Entry(token, expires));
    return new Tokens.Issued(ticket, expires);
  }

  /** The token a live ticket stands for; the ticket is spent either way. */
  public Optional<String> redeem(String ticket) {
    if (ticket == null || ticket.length() != 43) {
      return Optional.empty();
    }
    Entry e = tickets.remove(Tokens.hash(ticket));
    return e != null && e.expires().isAfter(clock.instant())
        ? Optional.of(e.token())
        : Optional.empty();
  }
}
