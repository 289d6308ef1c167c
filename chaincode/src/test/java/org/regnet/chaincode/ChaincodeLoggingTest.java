package org.regnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.auditor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;

/**
 * Runs transactions carrying a marker through the shim's real ContractRouter and reads what reaches
 * the root handlers: with the shim's own INFO set-up the marker is logged (so the check can fail);
 * configured by {@link ChaincodeLogging}, at the default level and even at DEBUG, it is not.
 */
class ChaincodeLoggingTest {

  private final Fixture f = new Fixture();
  private final Capture capture = new Capture();
  private final Logger root = Logger.getLogger("");
  private final Logger hyperledger = Logger.getLogger("org.hyperledger");
  private final Logger contract = Logger.getLogger("org.hyperledger.fabric.contract");

  @BeforeEach
  void captureTheRootHandlers() {
    f.foundTreaty(); // builds the shared router first: its constructor sets the shim's levels
    root.addHandler(capture);
  }

  @AfterEach
  void restore() {
    root.removeHandler(capture);
    ChaincodeLogging.configure(Level.WARNING);
  }

  /** Founds a treaty named after the marker, then reads a treaty whose id is the marker. */
  private void callsCarrying(final String marker) {
    final String request =
        Fixture.foundingRequest(ALPINE, HARBOUR, LAGOON)
            .replace("TRT-CRYPTO-MMOU", "TRT-" + marker)
            .replace("Crypto derivatives MMoU", "MMoU " + marker);
    assertThat(f.net.submit(admin(ALPINE), "treaty:found", request).ok()).isTrue();
    assertThat(
            f.net
                .evaluate(auditor(ALPINE), "treaty:get", "{\"treatyId\":\"TRT-X" + marker + "\"}")
                .ok())
        .isFalse();
  }

  @Test
  void the_shims_own_info_logging_does_carry_argument_values() {
    for (Handler h : root.getHandlers()) {
      h.setFilter(null);
      h.setLevel(Level.ALL);
    }
    root.setLevel(Level.INFO);
    hyperledger.setLevel(Level.INFO);
    contract.setLevel(Level.INFO);
    final String marker = marker();

    callsCarrying(marker);

    assertThat(capture.text()).contains(marker);
  }

  @Test
  void at_the_default_level_no_argument_value_is_logged_but_our_warnings_are() {
    ChaincodeLogging.configure(ChaincodeLogging.level(Map.of()));
    final String marker = marker();
    final String control = marker();

    callsCarrying(marker);
    Logger.getLogger("org.regnet.chaincode.test").warning("control " + control);

    assertThat(capture.text()).contains(control).doesNotContain(marker);
  }

  @Test
  void even_at_debug_no_argument_value_is_logged_and_error_responses_keep_only_their_frames() {
    ChaincodeLogging.configure(ChaincodeLogging.level(Map.of("CHAINCODE_LOG_LEVEL", "DEBUG")));
    final String marker = marker();

    callsCarrying(marker);

    assertThat(capture.text())
        .doesNotContain(marker)
        .contains("error response (its text went to the client)");
  }

  @Test
  void scrubbing_keeps_exception_classes_and_frames_only() {
    final String text =
        "NOT_FOUND: treatyId: no treaty SECRET\n"
            + "org.hyperledger.fabric.shim.ChaincodeException: NOT_FOUND: SECRET\n"
            + "\tat org.regnet.chaincode.service.Repository.treaty(Repository.java:40)\n"
            + "Caused by: java.lang.IllegalStateException: SECRET\n"
            + "\tat SECRET\n"
            + "\t... 12 more";

    assertThat(ChaincodeLogging.scrub(text))
        .doesNotContain("SECRET")
        .contains("org.hyperledger.fabric.shim.ChaincodeException")
        .contains("Repository.treaty(Repository.java:40)")
        .contains("Caused by: java.lang.IllegalStateException")
        .contains("... 12 more");
  }

  @Test
  void an_unknown_level_is_refused_at_start() {
    assertThatThrownBy(() -> ChaincodeLogging.level(Map.of("CHAINCODE_LOG_LEVEL", "LOUD")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CHAINCODE_LOG_LEVEL");
  }

  private static String marker() {
    // upper case and short enough to be a treaty id
    return "RGNTMARK"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(Locale.ROOT);
  }

  /** A root handler that keeps what it would write, formatted. */
  private static final class Capture extends Handler {
    private final List<String> lines = new ArrayList<>();
    private final SimpleFormatter format = new SimpleFormatter();

    Capture() {
      setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(final LogRecord r) {
      if (isLoggable(r)) {
        lines.add(format.format(r));
      }
    }

    synchronized String text() {
      return String.join("", lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
