package org.regnet.node.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Request counters by route and status, and a few gauges (the inbox quarantine, the login memory
 * budget), in the Prometheus text format. Served on the admin listener only.
 */
public final class Metrics {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

  /** A value read at each scrape; a counter only ever grows. */
  private record Gauge(String help, LongSupplier value, String type) {}

  /** Registers a gauge read at each scrape, e.g. {@code regnet_inbox_quarantined}. */
  public void gauge(String name, String help, LongSupplier value) {
    gauges.put(name, new Gauge(help, value, "gauge"));
  }

  /** Registers a counter kept elsewhere and read at each scrape, e.g. {@code *_total}. */
  public void counter(String name, String help, LongSupplier value) {
    gauges.put(name, new Gauge(help, value, "counter"));
  }

  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

  public void record(String method, String route, int status, long elapsedNanos) {
    String key = "method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"";
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    nanos
        .computeIfAbsent("method=\"" + method + "\",route=\"" + route + "\"", k -> new LongAdder())
        .add(elapsedNanos);
  }

  public String prometheus() {
    StringBuilder s = new StringBuilder();
    s.append("# HELP regnet_http_requests_total HTTP requests by route and status.\n");
    s.append("# TYPE regnet_http_requests_total counter\n");
    new TreeMap<>(requests)
        .forEach(
            (k, v) ->
                s.append("regnet_http_requests_total{")
                    .append(k)
                    .append("} ")
                    .append(v.sum())
                    .append('\n'));
    s.append("# HELP regnet_http_request_seconds_total Time spent handling requests.\n");
    s.append("# TYPE regnet_http_request_seconds_total counter\n");
    new TreeMap<>(nanos)
        .forEach(
            (k, v) ->
                s.append("regnet_http_request_seconds_total{")
                    .append(k)
                    .append("} ")
                    .append(String.format(java.util.Locale.ROOT, "%.6f", v.sum() / 1e9))
                    .append('\n'));
    new TreeMap<>(gauges)
        .forEach(
            (name, g) -> {
              long v;
              try {
                v = g.value().getAsLong();
              } catch (RuntimeException e) {
                return; // a gauge that cannot be read now is left out of this scrape
              }
              s.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
              s.append("# TYPE ").append(name).append(' ').append(g.type()).append('\n');
              s.append(name).append(' ').append(v).append('\n');
            });
    return s.toString();
  }
}
