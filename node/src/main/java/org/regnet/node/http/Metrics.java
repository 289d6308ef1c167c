package org.regnet.node.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters by route and status, exposed in the Prometheus text format. */
public final class Metrics {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
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
    return s.toString();
  }
}
