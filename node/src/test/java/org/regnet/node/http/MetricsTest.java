package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Prometheus text of counters kept elsewhere, read at each scrape. */
class MetricsTest {

  @Test
  void a_counter_is_typed_counter_and_read_at_each_scrape() {
    Metrics metrics = new Metrics();
    AtomicLong resends = new AtomicLong();
    metrics.counter("regnet_ledger_resends_total", "Transactions sent again.", resends::get);

    assertThat(metrics.prometheus())
        .contains("# TYPE regnet_ledger_resends_total counter\n")
        .contains("\nregnet_ledger_resends_total 0\n");
    resends.addAndGet(3);
    assertThat(metrics.prometheus()).contains("\nregnet_ledger_resends_total 3\n");
  }

  @Test
  void a_gauge_stays_typed_gauge() {
    Metrics metrics = new Metrics();
    metrics.gauge("regnet_api_queued", "Queued.", () -> 2);

    assertThat(metrics.prometheus())
        .contains("# TYPE regnet_api_queued gauge\n")
        .contains("\nregnet_api_queued 2\n");
  }
}
