package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.AssistanceFixture;

/**
 * A scripted history: Alpine asks Harbour three times. Each transaction moves the test clock one
 * second, so the times below count the advances plus one second per transaction in between.
 */
class CooperationStatisticsTest {

  private final AssistanceFixture a = new AssistanceFixture();

  private static final String BOTH =
      "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},{\"itemNo\":2,\"outcome\":\"PROVIDED\"}]";
  private static final String REFUSED =
      "[{\"itemNo\":1,\"outcome\":\"REFUSED\",\"refusalGround\":\"PUBLIC_INTEREST\"},"
          + "{\"itemNo\":2,\"outcome\":\"REFUSED\",\"refusalGround\":\"PREJUDICE_TO_OWN_INVESTIGATION\"}]";

  @Test
  void figures_match_the_scripted_history_and_both_sides_read_the_same() {
    // 1: acknowledged after 1 day (+1 s), answered 10 days later (+1 s)
    final String r1 = a.submitted();
    a.net.advance(Duration.ofDays(1));
    ok(a.acknowledge(r1));
    a.net.advance(Duration.ofDays(10));
    ok(a.reply(r1, true, BOTH));
    // 2: acknowledged after 3 days, both items refused at once
    final String r2 = a.submitted();
    a.net.advance(Duration.ofDays(3));
    ok(a.acknowledge(r2));
    ok(a.reply(r2, true, REFUSED));
    // 3: never acknowledged; overdue after 8 days
    final String r3 = a.submitted();
    a.net.advance(Duration.ofDays(8));
    ok(a.net.submit(investigator(ALPINE), "assistance:markOverdue", ref(r3)));

    final JsonNode alpine =
        ok(a.net.evaluate(auditor(ALPINE), "assistance:statistics", "{}")).json();
    final JsonNode sent = alpine.get("counterparties").get(0).get("sent");
    assertThat(alpine.get("counterparties").get(0).get("counterparty").asText()).isEqualTo(HARBOUR);
    assertThat(sent.get("requests").asInt()).isEqualTo(3);
    assertThat(sent.get("acknowledged").asInt()).isEqualTo(2);
    assertThat(sent.get("answered").asInt()).isEqualTo(2);
    assertThat(sent.get("overdue").asInt()).isEqualTo(1);
    final long day = 86_400;
    // nearest rank: p50 of two values is the smaller, p90 the larger
    assertThat(sent.get("acknowledgeMedianSeconds").asLong()).isEqualTo(day + 1);
    assertThat(sent.get("acknowledgeP90Seconds").asLong()).isEqualTo(3 * day + 1);
    assertThat(sent.get("finalReplyMedianSeconds").asLong()).isEqualTo(3 * day + 2);
    assertThat(sent.get("finalReplyP90Seconds").asLong()).isEqualTo(11 * day + 2);
    assertThat(sent.get("refusalsByGround").get("PUBLIC_INTEREST").asInt()).isEqualTo(1);
    assertThat(sent.get("refusalsByGround").get("PREJUDICE_TO_OWN_INVESTIGATION").asInt())
        .isEqualTo(1);
    assertThat(alpine.get("counterparties").get(0).get("received").get("requests").asInt())
        .isZero();

    final JsonNode harbour =
        ok(a.net.evaluate(
                officer(HARBOUR), "assistance:statistics", "{\"counterparty\":\"" + ALPINE + "\"}"))
            .json();
    final JsonNode received = harbour.get("counterparties").get(0).get("received");
    assertThat(received.get("requests").asInt()).isEqualTo(3);
    assertThat(received.get("acknowledgeMedianSeconds"))
        .isEqualTo(sent.get("acknowledgeMedianSeconds"));
    assertThat(received.get("refusalsByGround")).isEqualTo(sent.get("refusalsByGround"));
  }
}
