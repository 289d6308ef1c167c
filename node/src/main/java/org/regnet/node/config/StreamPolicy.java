package org.regnet.node.config;

import java.time.Duration;

/**
 * Server-Sent Events streams: how often an idle stream gets a heartbeat comment (which also
 * re-checks the stream's token), and how long a stream ticket lives.
 */
public record StreamPolicy(Duration heartbeat, Duration ticketTtl) {
  public static final StreamPolicy DEFAULT =
      new StreamPolicy(Duration.ofSeconds(15), Duration.ofSeconds(30));

  public StreamPolicy {
    if (heartbeat == null || heartbeat.toMillis() < 100 || heartbeat.toSeconds() > 300) {
      throw new ConfigException("stream.heartbeatMillis", "must be 100..300000");
    }
    if (ticketTtl == null || ticketTtl.toSeconds() < 1 || ticketTtl.toSeconds() > 300) {
      throw new ConfigException("stream.ticketSeconds", "must be 1..300");
    }
  }
}
