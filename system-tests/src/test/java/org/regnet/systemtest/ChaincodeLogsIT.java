package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.Scenarios;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The parties' chaincode servers log no argument values: a treaty founded under a marked name, a
 * referral whose payload carries a marker, and refused reads of a marked treaty id, all endorsed by
 * A's and B's chaincode servers, leave no marker in their logs. Controls: each log holds the record
 * of the refused read (so the server does write there, and wrote about that very call), and the
 * same scan finds a marker appended to a copy of the log.
 */
class ChaincodeLogsIT {
  private static final int A = 0, B = 1;
  private static final String TREATY = "TRT-IT-LOGS";
  private static TestNetwork net;
  private static Actors actors;
  private static String nameMarker;
  private static String payloadMarker;
  private static String idMarker;

  @BeforeAll
  static void callsCarryingMarkers() {
    net = TestNetwork.shared();
    actors = new Actors(net);
    nameMarker = Requests.marker();
    payloadMarker = Requests.marker();
    // upper case and short, to fit a treaty id
    idMarker = Requests.marker().substring(0, 32).toUpperCase(java.util.Locale.ROOT);

    String agreementId = Scenarios.treatyWithActiveAgreement(actors, TREATY);
    Scenarios.ok(
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                    "TRT-IT-LOGS-NAMED",
                    new String[] {actors.msp(A), actors.msp(B)},
                    new String[] {"CH", "SG"})
                .replace("integration test", nameMarker),
            java.util.Map.of(),
            actors.msp(A),
            actors.msp(B)));
    Scenarios.ok(
        submit(
            actors.contract(A, "case-officer"),
            "referral:submit",
            Requests.submitReferral(agreementId),
            Requests.confidential(Requests.payload(payloadMarker)),
            actors.msp(A),
            actors.msp(B)));
    for (int org : new int[] {A, B}) {
      Result refused =
          evaluate(
              actors.contract(org, "auditor"),
              "treaty:get",
              "{\"treatyId\":\"TRT-" + idMarker + "\"}",
              java.util.Map.of(),
              actors.msp(org));
      assertThat(refused.ok()).as("a read of an unknown treaty is refused").isFalse();
      assertThat(refused.error()).as("the client gets the text").contains(idMarker);
    }
  }

  @AfterAll
  static void close() {
    actors.close();
  }

  private static Path chaincodeLog(int org) {
    OrganizationDefinition o = net.network().definition().organizations().get(org);
    return net.network().supervisor().logFile(o.chaincodeHostName());
  }

  @Test
  void the_parties_chaincode_server_logs_hold_no_argument_or_payload_value() {
    for (int org : new int[] {A, B}) {
      Path log = chaincodeLog(org);
      for (String marker : new String[] {nameMarker, payloadMarker, idMarker}) {
        assertThat(LeakScan.filesContaining(log, marker)).as("%s in %s", marker, log).isEmpty();
      }
    }
  }

  @Test
  void each_log_holds_the_record_of_the_refused_read_without_its_text() throws IOException {
    for (int org : new int[] {A, B}) {
      assertThat(Files.readString(chaincodeLog(org), StandardCharsets.ISO_8859_1))
          .contains("error response (its text went to the client)");
    }
  }

  @Test
  void the_scan_finds_a_marker_written_into_a_copy_of_the_log(@TempDir Path tmp)
      throws IOException {
    Path copy = Files.copy(chaincodeLog(A), tmp.resolve("chaincode.log"));
    String control = Requests.marker();
    Files.writeString(copy, "control " + control + "\n", StandardOpenOption.APPEND);

    assertThat(LeakScan.filesContaining(copy, control)).containsExactly(copy);
    assertThat(LeakScan.filesContaining(copy, payloadMarker)).isEmpty();
  }
}
