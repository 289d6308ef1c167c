package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.auditor;
import static org.regnet.chaincode.testing.Fixture.investigator;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.state.PairStore;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.InMemoryLedger;
import org.regnet.chaincode.testing.TestNetwork;

/**
 * Colleges (decision 0035): three of the treaty's four members share a case; every member's peer
 * endorses with the same read/write set, each member reads it from its own peer, and the fourth
 * member's peer, clients and the public state learn nothing of it.
 */
class CollegeTest {

  private static final String SECRET = "COLLEGE-SECRET-5f1c9e0a7b";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] MEMBERS = {ALPINE, HARBOUR, LAGOON};

  private final Fixture f = new Fixture();
  private final TestNetwork net = f.net;

  CollegeTest() {
    ok(
        net.submit(
            admin(ALPINE),
            "treaty:found",
            Fixture.foundingRequest(ALPINE, HARBOUR, LAGOON, DELTA)));
  }

  private static String form(final String... members) {
    return """
        {"treatyId":"%s","title":"Cross-venue spoofing on ETH perpetuals","members":%s}"""
        .formatted(TREATY, array(members));
  }

  private static String array(final String... v) {
    final List<String> quoted = new ArrayList<>();
    for (String s : v) {
      quoted.add("\"" + s + "\"");
    }
    return "[" + String.join(",", quoted) + "]";
  }

  private TestNetwork.Result formed(final Identity who, final String... members) {
    return net.submitEndorsedBy(who, "college:form", form(members), Map.of(), MEMBERS);
  }

  private TestNetwork.Result shared(final Identity who, final String id, final String text) {
    return net.submitEndorsedBy(
        who,
        "college:share",
        """
        {"collegeId":"%s","title":"Venue B order book","information":"%s"}"""
            .formatted(id, text),
        Map.of(),
        MEMBERS);
  }

  private String collegeId() {
    return ok(formed(officer(ALPINE), MEMBERS)).json().get("college").get("collegeId").asText();
  }

  private JsonNode get(final Identity who, final String id) {
    return ok(net.evaluate(who, "college:get", "{\"collegeId\":\"" + id + "\"}")).json();
  }

  @Test
  void every_member_reads_the_college_and_what_each_member_shared_from_its_own_peer() {
    final String id = collegeId();
    ok(shared(officer(ALPINE), id, "Alpine: " + SECRET));
    ok(shared(investigator(LAGOON), id, "Lagoon: wallet cluster 0xdef"));

    for (String m : MEMBERS) {
      final JsonNode view = get(officer(m), id);
      assertThat(view.get("college").get("members").toString())
          .isEqualTo(JSON.valueToTree(List.of(ALPINE, HARBOUR, LAGOON)).toString());
      assertThat(view.get("college").get("formedBy").asText()).isEqualTo(ALPINE);
      assertThat(view.get("items")).hasSize(2);
      assertThat(view.get("items").get(0).get("information").asText()).contains(SECRET);
      assertThat(view.get("items").get(0).get("sharedBy").asText()).isEqualTo(ALPINE);
      assertThat(view.get("items").get(1).get("sharedBy").asText()).isEqualTo(LAGOON);
      final JsonNode list = ok(net.evaluate(officer(m), "college:list", "{}")).json().get("items");
      assertThat(list).hasSize(1);
      assertThat(list.get(0).get("collegeId").asText()).isEqualTo(id);
    }
  }

  @Test
  void the_non_member_learns_nothing_from_its_peer_its_clients_or_public_state() {
    final String id = collegeId();
    ok(shared(officer(HARBOUR), id, SECRET));

    assertThat(
            net.evaluate(officer(DELTA), "college:get", "{\"collegeId\":\"" + id + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(ok(net.evaluate(officer(DELTA), "college:list", "{}")).json().get("items"))
        .isEmpty();
    for (String m : MEMBERS) {
      assertThat(net.ledger().privateValues(PairStore.collection(DELTA, m))).isEmpty();
    }
    final StringBuilder publicState = new StringBuilder();
    for (String k : net.ledger().keys()) {
      publicState.append(k).append(new String(net.ledger().state(k), StandardCharsets.UTF_8));
    }
    assertThat(publicState.toString()).doesNotContain(SECRET, id, "spoofing");
    // the members' pairs hold it: Harbour shared, so its pairs with Alpine and with Lagoon
    assertThat(values(PairStore.collection(HARBOUR, ALPINE))).contains(SECRET);
    assertThat(values(PairStore.collection(HARBOUR, LAGOON))).contains(SECRET);
    assertThat(values(PairStore.collection(ALPINE, LAGOON))).doesNotContain(SECRET);
  }

  @Test
  void each_member_resolves_the_public_event_from_its_pair_with_the_sharer() {
    final String id = collegeId();
    ok(shared(officer(HARBOUR), id, SECRET));
    final InMemoryLedger.Committed last =
        net.ledger().committed().get(net.ledger().committed().size() - 1);
    assertThat(last.eventName()).isEqualTo("regnet.pair.updated");
    final JsonNode envelope = read(last.eventPayload());
    assertThat(envelope.toString()).doesNotContain(id, SECRET);
    final List<String> parties = new ArrayList<>();
    envelope.get("parties").forEach(p -> parties.add(p.asText()));
    assertThat(parties).containsExactlyInAnyOrder(MEMBERS).endsWith(HARBOUR);
    for (String m : MEMBERS) {
      // as the node's follower does: the last party in the list other than its own authority
      String counterparty = null;
      for (String p : parties) {
        if (!p.equals(m)) {
          counterparty = p;
        }
      }
      final JsonNode details =
          ok(net.evaluate(
                  auditor(m),
                  "referral:pairEvent",
                  "{\"txId\":\"" + last.txId() + "\",\"counterparty\":\"" + counterparty + "\"}",
                  Map.of(),
                  m))
              .json();
      assertThat(details.get("event").asText()).isEqualTo("regnet.college.shared");
      assertThat(details.get("objectId").asText()).isEqualTo(id);
    }
  }

  @Test
  void the_audit_trail_of_the_college_shows_each_step_to_each_member() {
    final String id = collegeId();
    ok(shared(officer(LAGOON), id, SECRET));
    for (String m : MEMBERS) {
      final JsonNode page =
          ok(net.evaluate(investigator(m), "audit:byObject", "{\"objectId\":\"" + id + "\"}"))
              .json();
      final List<String> actions = new ArrayList<>();
      page.get("items").forEach(e -> actions.add(e.get("action").asText()));
      assertThat(actions).containsExactly("college.formed", "college.shared");
    }
    assertThat(
            net.evaluate(investigator(DELTA), "audit:byObject", "{\"objectId\":\"" + id + "\"}")
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void bad_formations_and_outsiders_are_refused_and_change_nothing() {
    final String id = collegeId();
    final int keys = net.ledger().keys().size();
    final int committed = net.ledger().committed().size();

    // two parties are a pair, not a college; the forming authority must be a member
    assertThat(formed(officer(ALPINE), ALPINE, HARBOUR).errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(formed(officer(ALPINE), HARBOUR, LAGOON, DELTA).errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(formed(officer(ALPINE), ALPINE, HARBOUR, "OutsiderMSP").errorCode())
        .isEqualTo("INVALID_STATE");
    // forming is a case officer's; an investigator's certificate is refused on chain
    assertThat(formed(investigator(ALPINE), MEMBERS).errorCode()).isEqualTo("ACCESS_DENIED");
    // the fourth member may not speak in the college
    assertThat(
            net.submit(
                    officer(DELTA),
                    "college:share",
                    "{\"collegeId\":\"%s\",\"title\":\"t\",\"information\":\"x\"}".formatted(id))
                .errorCode())
        .isEqualTo("ACCESS_DENIED");
    assertThat(shared(officer(ALPINE), "COL-0000000000000000", "x").errorCode())
        .isEqualTo("NOT_FOUND");
    assertThat(shared(officer(ALPINE), id, "").errorCode()).isEqualTo("VALIDATION_FAILED");

    assertThat(net.ledger().keys()).hasSize(keys);
    assertThat(net.ledger().committed()).hasSize(committed);
    assertThat(get(officer(HARBOUR), id).get("items")).isEmpty();
  }

  private TestNetwork.Result close(final Identity who, final String id) {
    return net.submitEndorsedBy(
        who, "college:close", "{\"collegeId\":\"" + id + "\"}", Map.of(), MEMBERS);
  }

  private TestNetwork.Result purge(final String by, final String id, final String counterparty) {
    return net.submitEndorsedBy(
        officer(by),
        "college:purge",
        "{\"collegeId\":\"%s\",\"counterparty\":\"%s\"}".formatted(id, counterparty),
        Map.of(),
        by,
        counterparty);
  }

  @Test
  void a_closed_college_takes_no_more_information_and_is_purged_pair_by_pair_after_retention() {
    final String id = collegeId();
    ok(shared(officer(ALPINE), id, "Alpine " + SECRET));
    ok(shared(officer(HARBOUR), id, "Harbour " + SECRET));
    assertThat(purge(ALPINE, id, HARBOUR).errorCode()).isEqualTo("INVALID_STATE"); // still open

    final JsonNode closed = ok(close(officer(LAGOON), id)).json();
    assertThat(closed.get("closedAt").asText()).isNotBlank();
    assertThat(close(officer(ALPINE), id).errorCode()).isEqualTo("CONFLICT");
    assertThat(shared(officer(ALPINE), id, "late").errorCode()).isEqualTo("INVALID_STATE");
    // the treaty keeps information 1825 days after the close
    assertThat(purge(ALPINE, id, HARBOUR).errorCode()).isEqualTo("INVALID_STATE");

    net.advance(java.time.Duration.ofDays(1826));
    assertThat(purge(ALPINE, id, ALPINE).errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(purge(ALPINE, id, DELTA).errorCode()).isEqualTo("VALIDATION_FAILED");
    ok(purge(ALPINE, id, HARBOUR));
    assertThat(values(PairStore.collection(ALPINE, HARBOUR))).doesNotContain(SECRET);
    assertThat(values(PairStore.collection(ALPINE, LAGOON))).contains(SECRET); // not yet
    assertThat(purge(HARBOUR, id, ALPINE).errorCode()).isEqualTo("CONFLICT");
    ok(purge(ALPINE, id, LAGOON));
    ok(purge(LAGOON, id, HARBOUR));
    for (String m : MEMBERS) {
      for (String other : MEMBERS) {
        if (!m.equals(other)) {
          assertThat(values(PairStore.collection(m, other))).doesNotContain(SECRET);
        }
      }
      // the record stays as the deletion record, with one purge per pair of the reader
      final JsonNode view = get(officer(m), id);
      assertThat(view.get("items")).isEmpty();
      assertThat(view.get("college").get("title").asText()).contains("spoofing");
      assertThat(view.get("purges")).hasSize(2);
      final JsonNode page =
          ok(net.evaluate(investigator(m), "audit:byObject", "{\"objectId\":\"" + id + "\"}"))
              .json();
      final List<String> actions = new ArrayList<>();
      page.get("items").forEach(e -> actions.add(e.get("action").asText()));
      assertThat(actions).contains("college.closed", "college.purged");
    }
  }

  private String values(final String collection) {
    final StringBuilder out = new StringBuilder();
    net.ledger().privateValues(collection).values().forEach(v -> out.append(new String(v)));
    return out.toString();
  }

  private static JsonNode read(final byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
