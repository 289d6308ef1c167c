package org.regnet.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSettingsTest {
  @Test
  void defaults_when_nothing_is_set_or_blank() {
    assertThat(BatchSettings.from(Map.of())).isEqualTo(new BatchSettings("250ms", 200));
    assertThat(
            BatchSettings.from(
                Map.of(BatchSettings.TIMEOUT_ENV, " ", BatchSettings.MAX_MESSAGES_ENV, "")))
        .isEqualTo(BatchSettings.DEFAULT);
  }

  @Test
  void the_environment_overrides_each_value() {
    assertThat(
            BatchSettings.from(
                Map.of(BatchSettings.TIMEOUT_ENV, "100ms", BatchSettings.MAX_MESSAGES_ENV, "50")))
        .isEqualTo(new BatchSettings("100ms", 50));
    assertThat(BatchSettings.from(Map.of(BatchSettings.TIMEOUT_ENV, "2s")).timeout())
        .isEqualTo("2s");
  }

  @Test
  void refuses_what_would_be_pasted_into_the_yaml_unchecked() {
    assertThatThrownBy(() -> BatchSettings.from(Map.of(BatchSettings.TIMEOUT_ENV, "250")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BatchSettings.from(Map.of(BatchSettings.TIMEOUT_ENV, "1ms\nBatchSize: {}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchSettings.from(Map.of(BatchSettings.TIMEOUT_ENV, "0ms")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchSettings.from(Map.of(BatchSettings.MAX_MESSAGES_ENV, "0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchSettings.from(Map.of(BatchSettings.MAX_MESSAGES_ENV, "many")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
