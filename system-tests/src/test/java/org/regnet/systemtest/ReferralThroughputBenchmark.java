package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.submit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Referral submission throughput and latency on the real local network (3 Raft orderers, 3 peers,
 * endorsement by both parties, private data to two implicit collections), through the Fabric
 * Gateway. Not a test: run with {@code -Pbenchmark}; it prints its measurements for
 * docs/benchmarks.md and only checks that every submission succeeded.
 */
class ReferralThroughputBenchmark {
  private static final int A = 0, B = 1, C = 2;

  @Test
  void referral_submission() throws Exception {
    TestNetwork net = TestNetwork.shared();
    try (Actors actors = new Actors(net)) {
      String treaty = "TRT-BENCH";
      String agreementId =
          org.regnet.systemtest.support.Scenarios.treatyWithActiveAgreement(actors, treaty);
      for (int clients : new int[] {1, 4, 8}) {
        int n = clients == 1 ? 50 : 200;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          results.add(
              pool.submit(
                  () -> {
                    long t = System.nanoTime();
                    Result r =
                        submit(
                            actors.contract(A, "case-officer"),
                            "referral:submit",
                            Requests.submitReferral(agreementId),
                            Requests.confidential(Requests.payload(Requests.marker())),
                            actors.msp(A),
                            actors.msp(B));
                    latencies.add(System.nanoTime() - t);
                    return r.ok();
                  }));
        }
        int ok = 0;
        for (Future<Boolean> f : results) {
          ok += f.get() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
            "BENCHMARK referral:submit clients=%d n=%d ok=%d seconds=%.1f tps=%.1f p50=%dms p95=%dms p99=%dms%n",
            clients,
            n,
            ok,
            seconds,
            ok / seconds,
            sorted.get(n / 2) / 1_000_000,
            sorted.get(n * 95 / 100) / 1_000_000,
            sorted.get(Math.min(n - 1, n * 99 / 100)) / 1_000_000);
        assertThat(ok).isEqualTo(n);
      }
    }
  }
}
