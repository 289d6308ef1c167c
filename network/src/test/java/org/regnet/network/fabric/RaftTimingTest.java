package org.regnet.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RaftTimingTest {
  @Test
  void five_ticks_of_500_ms_unless_the_environment_names_an_election_tick() {
    assertThat(RaftTiming.from(Map.of())).isEqualTo(new RaftTiming(500, 5));
    assertThat(RaftTiming.from(Map.of(RaftTiming.ELECTION_TICK_ENV, " ")))
        .isEqualTo(RaftTiming.DEFAULT);
    assertThat(RaftTiming.from(Map.of(RaftTiming.ELECTION_TICK_ENV, "10")))
        .isEqualTo(new RaftTiming(500, 10));
  }

  @Test
  void refuses_settings_raft_cannot_run_with() {
    assertThatThrownBy(() -> RaftTiming.from(Map.of(RaftTiming.ELECTION_TICK_ENV, "five")))
        .hasMessageContaining(RaftTiming.ELECTION_TICK_ENV);
    assertThatThrownBy(() -> new RaftTiming(500, 2)).hasMessageContaining("3..100");
    assertThatThrownBy(() -> new RaftTiming(10, 10)).hasMessageContaining("50..5000");
  }
}
