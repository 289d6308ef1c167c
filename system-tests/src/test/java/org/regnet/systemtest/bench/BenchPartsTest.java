package org.regnet.systemtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator's parts, without a network: what they count, never how fast. */
class BenchPartsTest {

  @Test
  void closed_loop_counts_successes_and_each_kind_of_failure_apart() throws Exception {
    RoundResult r =
        ClosedLoop.run(
            "r", "p", 2, 0, 0.2, (w, s) -> s % 2 == 0 ? null : s % 3 == 0 ? "429" : "503");
    assertThat(r.ok()).isPositive();
    assertThat(r.outcomes()).containsOnlyKeys("429", "503");
    assertThat(r.failed()).isEqualTo(r.outcomes().get("429") + r.outcomes().get("503"));
    assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p95Ms()).isLessThanOrEqualTo(r.p99Ms());
  }

  @Test
  void a_call_that_throws_is_counted_by_its_exception() throws Exception {
    RoundResult r =
        ClosedLoop.run(
            "r",
            "p",
            1,
            0,
            0.05,
            (w, s) -> {
              throw new java.io.IOException("refused");
            });
    assertThat(r.ok()).isZero();
    assertThat(r.outcomes()).containsOnlyKeys("IOException");
    assertThat(r.p50Ms()).isNaN();
  }

  @Test
  void seeding_stops_at_the_count() throws Exception {
    Seeder.Seeded s = Seeder.seed(25, 60, 4, (w, seq) -> null);
    assertThat(s.written()).isEqualTo(25);
    assertThat(s.failed()).isZero();
  }

  @Test
  void processes_are_grouped_by_kind_from_their_pid_file_names(@TempDir Path dir) throws Exception {
    long self = ProcessHandle.current().pid();
    for (String name :
        new String[] {
          "orderer0.alpinefma.regnet.test", "peer0.alpinefma.regnet.test",
          "ccaas.alpinefma.regnet.test", "node.alpinefma.regnet.test"
        }) {
      Files.writeString(dir.resolve(name + ".pid"), self + "\n0\ncmd\n", StandardCharsets.UTF_8);
    }
    Map<String, Double> cpu = ProcessCpu.snapshot(dir);
    assertThat(cpu).containsOnlyKeys("orderer", "peer", "chaincode", "node", "bench");
    assertThat(cpu.get("node"))
        .isPositive()
        .isEqualTo(cpu.get("bench"), org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void the_referral_payload_is_one_kib_of_json() throws Exception {
    String p = BenchMain.payloadOfOneKib();
    assertThat(p.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(p).get("facts").asText())
        .startsWith("Layered spoof");
  }
}
