package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.AssistanceFixture.ref;
import static org.regnet.chaincode.testing.AssistanceFixture.utf8;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;
import static org.regnet.chaincode.testing.Fixture.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.AssistanceFixture;
import org.regnet.chaincode.testing.InMemoryLedger;
import org.regnet.chaincode.testing.TestNetwork.Result;

/**
 * A request for assistance and its reply leg live in the parties' pair collection (decision 0029):
 * public state, arguments, results and events say nothing a third authority could read, and the
 * cooperation statistics count a request only for its two parties.
 */
class AssistancePrivacyTest {

  private final AssistanceFixture a = new AssistanceFixture();

  private static final String REFUSE_2 =
      "[{\"itemNo\":1,\"outcome\":\"PROVIDED\"},"
          + "{\"itemNo\":2,\"outcome\":\"REFUSED\",\"refusalGround\":\"PUBLIC_INTEREST\"}]";

  @Test
  void public_state_holds_neither_the_request_id_nor_its_record() {
    final String id = a.submitted();
    ok(a.acknowledge(id));
    ok(a.reply(id, true, REFUSE_2));

    for (String k : a.net.ledger().keys()) {
      assertThat(k + utf8(a.net.ledger().state(k)))
          .as(k.replace('\u0000', '|'))
          .doesNotContain(id, "ANSWERED", "finalReplyAt", "itemCount", "2025-03-20", "ROUTINE");
    }
    assertThat(utf8(a.record(id))).contains(id, "ANSWERED", "finalReplyAt", "PUBLIC_INTEREST");
    assertThat(a.net.ledger().privateValues(PairStore.collection(LAGOON, ALPINE))).isEmpty();
    assertThat(a.net.ledger().privateValues(PairStore.collection(LAGOON, HARBOUR))).isEmpty();
  }

  @Test
  void arguments_results_and_events_name_only_the_pair() {
    final String id = a.submitted();
    final Result r = a.acknowledge(id);
    final InMemoryLedger.Committed c =
        a.net.ledger().committed().get(a.net.ledger().committed().size() - 1);

    assertThat(c.eventName()).isEqualTo("regnet.pair.updated");
    assertThat(new String(c.eventPayload(), StandardCharsets.UTF_8))
        .contains(ALPINE, HARBOUR)
        .doesNotContain(id, "ACKNOWLEDGED");
    assertThat(r.tx().getStringArgs()).containsExactly("assistance:acknowledge", "{}");
    assertThat(a.lastEvent()).isEqualTo("regnet.assistance.acknowledged");
  }

  @Test
  void a_submit_with_a_public_argument_or_without_an_idempotency_key_is_refused() {
    final Map<String, byte[]> t =
        new HashMap<>(payload(AssistanceFixture.requestPayload(null, "DOCUMENTS")));
    assertThat(endorse("assistance:submit", a.submitRequest("ROUTINE"), t).errorCode())
        .isEqualTo("VALIDATION_FAILED");
    t.put("request", a.submitRequest("ROUTINE").getBytes(StandardCharsets.UTF_8));
    assertThat(endorse("assistance:submit", "{}", t).errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  /** Alpine's peer endorses the call exactly as given (no harness help). */
  private Result endorse(final String fn, final String arg, final Map<String, byte[]> t) {
    return a.net.execute(a.net.rawSpec(officer(ALPINE), ALPINE, fn, arg, t), ALPINE);
  }

  @Test
  void a_third_authority_neither_reads_nor_counts_the_pairs_requests() {
    final String id = a.submitted();
    ok(a.acknowledge(id));

    assertThat(a.net.evaluate(officer(LAGOON), "assistance:get", ref(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(a.net.submit(officer(LAGOON), "assistance:markOverdue", ref(id)).errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(a.net.evaluate(officer(LAGOON), "assistance:listInbox", "{}").json().get("items"))
        .isEmpty();
    // on its own peer and on a party's: Lagoon's figures come from Lagoon's pairs only
    for (String peer : new String[] {LAGOON, ALPINE}) {
      final JsonNode lagoon =
          ok(a.net.evaluate(auditor(LAGOON), "assistance:statistics", "{}", Map.of(), peer)).json();
      assertThat(lagoon.get("counterparties")).as(peer).isEmpty();
    }
    // the pair's collection refuses a third authority's client even on a party's peer
    assertThat(
            a.net
                .evaluate(
                    auditor(LAGOON),
                    "assistance:statistics",
                    "{\"counterparty\":\"" + HARBOUR + "\"}",
                    Map.of(),
                    ALPINE)
                .json()
                .get("counterparties"))
        .isEmpty();

    final JsonNode alpine =
        ok(a.net.evaluate(auditor(ALPINE), "assistance:statistics", "{}")).json();
    final JsonNode harbour =
        ok(a.net.evaluate(auditor(HARBOUR), "assistance:statistics", "{}")).json();
    assertThat(alpine.get("counterparties").get(0).get("sent").get("acknowledged").asInt())
        .isEqualTo(1);
    assertThat(harbour.get("counterparties").get(0).get("received"))
        .isEqualTo(alpine.get("counterparties").get(0).get("sent"));
  }
}
