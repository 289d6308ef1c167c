package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Regulators share a case through their nodes: a case officer at A refers a case to B under their
 * agreement; B's node shows it in its inbox stream within seconds; B acknowledges and opens an
 * investigation; an investigator at B reads the audit trail with transaction ids; an auditor at C,
 * no party, is refused by its node, and by the chaincode when calling it directly.
 */
class NodeJourneyIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-NODES";
  private static TestNetwork net;
  private static NodeClient nodeA, nodeB, nodeC;
  private static String agreementId;

  @BeforeAll
  static void treatyAndAgreementThroughTheNodes() {
    net = TestNetwork.shared();
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    nodeC = new NodeClient(net.organization(C));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    String a = msp(A), b = msp(B), c = msp(C);
    Answer founded =
        nodeA.call(
            "POST",
            "/v1/treaties",
            Requests.foundTreaty(TREATY, new String[] {a, b, c}, new String[] {"CH", "SG", "BR"}),
            adminA);
    assertThat(founded.status()).as(founded.body().toString()).isEqualTo(200);
    Answer proposed =
        nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, b), adminA);
    assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(200);
    agreementId = proposed.body().get("agreementId").asText();
    Answer signed =
        nodeB.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminB);
    assertThat(signed.body().get("status").asText()).isEqualTo("ACTIVE");
  }

  @AfterAll
  static void nothing() {}

  private static String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  @Test
  void a_referral_from_A_reaches_Bs_inbox_stream_and_B_works_it_while_C_is_refused()
      throws Exception {
    String officerB = NodeClient.login(nodeB, net.organization(B), "case-officer");
    long start =
        nodeB
            .call("GET", "/v1/inbox?after=0&limit=500", null, officerB)
            .body()
            .get("next")
            .asLong();
    BlockingQueue<JsonNode> streamB = nodeB.stream(officerB, start);

    String officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    String marker = Requests.marker();
    String body =
        "{\"agreementId\":\""
            + agreementId
            + "\",\"typology\":\"SPOOFING\","
            + "\"instrumentClass\":\"PERPETUAL_FUTURE\",\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],"
            + "\"payload\":"
            + Requests.payload(marker)
            + "}";
    Answer submitted = nodeA.call("POST", "/v1/referrals", body, officerA);
    assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
    String referralId = submitted.body().get("referralId").asText();
    assertThat(submitted.body().toString()).doesNotContain(marker);

    JsonNode arrived = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (arrived == null && System.nanoTime() < deadline) {
      JsonNode e = streamB.poll(1, TimeUnit.SECONDS);
      if (e != null
          && referralId.equals(e.path("objectId").asText())
          && e.path("event").asText().equals("regnet.referral.submitted")) {
        arrived = e;
      }
    }
    assertThat(arrived).as("B's inbox stream shows the referral").isNotNull();
    assertThat(arrived.toString()).doesNotContain(marker);

    Answer ack = nodeB.call("POST", "/v1/referrals/" + referralId + "/acknowledge", null, officerB);
    assertThat(ack.body().get("status").asText()).isEqualTo("ACKNOWLEDGED");
    String investigatorB = NodeClient.login(nodeB, net.organization(B), "investigator");
    Answer opened =
        nodeB.call("POST", "/v1/referrals/" + referralId + "/investigation", null, investigatorB);
    assertThat(opened.body().get("status").asText()).isEqualTo("UNDER_INVESTIGATION");

    Answer view =
        nodeB.call(
            "POST",
            "/v1/referrals/" + referralId + "/payload-views",
            "{\"purpose\":\"INVESTIGATION\"}",
            investigatorB);
    assertThat(view.status()).as(view.body().toString()).isEqualTo(200);
    assertThat(view.body().get("payload").get("facts").asText()).contains(marker);

    Answer trail =
        nodeB.call("GET", "/v1/audit/objects/" + referralId + "?pageSize=50", null, investigatorB);
    assertThat(trail.status()).as(trail.body().toString()).isEqualTo(200);
    List<String> actions = new ArrayList<>();
    trail
        .body()
        .get("items")
        .forEach(
            e -> {
              actions.add(e.get("action").asText());
              assertThat(e.get("txId").asText()).matches("[0-9a-f]{64}");
            });
    assertThat(actions)
        .containsSubsequence(
            "referral.submitted", "referral.acknowledged", "referral.investigationStarted");

    String auditorC = NodeClient.login(nodeC, net.organization(C), "auditor");
    Answer refused =
        nodeC.call("GET", "/v1/audit/objects/" + referralId + "?pageSize=50", null, auditorC);
    assertThat(refused.status()).as(refused.body().toString()).isIn(403, 404);
    assertThat(refused.body().toString()).doesNotContain(marker);

    try (Actors actors = new Actors(net)) {
      Calls.Result direct =
          Calls.evaluate(
              actors.contract(C, "auditor"),
              "audit:byObject",
              "{\"objectId\":\"" + referralId + "\",\"pageSize\":50}");
      assertThat(direct.ok()).isFalse();
      assertThat(direct.code()).isIn("ACCESS_DENIED", "NOT_FOUND");
    }
  }

  @Test
  void a_flag_raised_at_A_is_found_from_B_by_its_identifier_and_an_unflagged_one_is_not() {
    String investigatorA = NodeClient.login(nodeA, net.organization(A), "investigator");
    String address = "0x" + Requests.marker().substring(8, 48);
    Answer raised =
        nodeA.call(
            "POST",
            "/v1/flags",
            "{\"treatyId\":\""
                + TREATY
                + "\",\"subjectType\":\"CHAIN_ADDRESS\","
                + "\"identifier\":\""
                + address.toUpperCase().replace("0X", "0x")
                + "\",\"chainId\":\"eip155:1\","
                + "\"category\":\"RANSOMWARE\",\"confidence\":\"HIGH\",\"expiresAt\":\"2035-01-01T00:00:00Z\","
                + "\"evidenceRef\":\"CASE-2026-117\"}",
            investigatorA);
    assertThat(raised.status()).as(raised.body().toString()).isEqualTo(200);
    assertThat(raised.body().toString()).doesNotContain(address.substring(2));

    String auditorB = NodeClient.login(nodeB, net.organization(B), "auditor");
    Answer found =
        nodeB.call(
            "POST",
            "/v1/flags/lookup",
            "{\"treatyId\":\""
                + TREATY
                + "\",\"subjectType\":\"CHAIN_ADDRESS\","
                + "\"identifier\":\""
                + address
                + "\",\"chainId\":\"eip155:1\"}",
            auditorB);
    assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
    assertThat(found.body().get("flagged").asBoolean()).isTrue();
    // the details come through flag:recordMatch, which leaves an entry for A, the originator
    assertThat(found.body().at("/flags/0/category").asText()).isEqualTo("RANSOMWARE");
    Answer clean =
        nodeB.call(
            "POST",
            "/v1/flags/lookup",
            "{\"treatyId\":\""
                + TREATY
                + "\",\"subjectType\":\"CHAIN_ADDRESS\","
                + "\"identifier\":\"0x00000000000000000000000000000000000000ff\",\"chainId\":\"eip155:1\"}",
            auditorB);
    assertThat(clean.body().get("flagged").asBoolean()).isFalse();
  }

  @Test
  void with_the_originators_consent_B_shares_a_case_onward_to_C_who_can_then_read_it() {
    String officerA = NodeClient.login(nodeA, net.organization(A), "case-officer");
    String officerB = NodeClient.login(nodeB, net.organization(B), "case-officer");
    String officerC = NodeClient.login(nodeC, net.organization(C), "case-officer");
    String marker = Requests.marker();
    String referralId =
        nodeA
            .call(
                "POST",
                "/v1/referrals",
                "{\"agreementId\":\""
                    + agreementId
                    + "\",\"typology\":\"LAYERING\","
                    + "\"instrumentClass\":\"PERPETUAL_FUTURE\",\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],"
                    + "\"payload\":"
                    + Requests.payload(marker)
                    + "}",
                officerA)
            .body()
            .get("referralId")
            .asText();
    nodeB.call("POST", "/v1/referrals/" + referralId + "/acknowledge", null, officerB);

    Answer asked =
        nodeB.call(
            "POST",
            "/v1/referrals/" + referralId + "/consents",
            "{\"recipient\":\"" + msp(C) + "\",\"use\":\"ENFORCEMENT\"}",
            officerB);
    assertThat(asked.status()).as(asked.body().toString()).isEqualTo(200);
    String consentId = asked.body().get("consents").get(0).get("consentId").asText();
    Answer early =
        nodeB.call(
            "POST",
            "/v1/referrals/" + referralId + "/consents/" + consentId + "/share",
            null,
            officerB);
    assertThat(early.status()).as("no sharing before consent").isEqualTo(403);
    assertThat(nodeC.call("GET", "/v1/referrals/" + referralId, null, officerC).status())
        .isIn(403, 404);

    Answer granted =
        nodeA.call(
            "POST",
            "/v1/referrals/" + referralId + "/consents/" + consentId + "/grant",
            null,
            officerA);
    assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
    Answer shared =
        nodeB.call(
            "POST",
            "/v1/referrals/" + referralId + "/consents/" + consentId + "/share",
            null,
            officerB);
    assertThat(shared.status()).as(shared.body().toString()).isEqualTo(200);

    Answer view =
        nodeC.call(
            "POST",
            "/v1/referrals/" + referralId + "/payload-views",
            "{\"purpose\":\"ENFORCEMENT\"}",
            officerC);
    assertThat(view.status()).as(view.body().toString()).isEqualTo(200);
    assertThat(view.body().get("payload").get("facts").asText()).contains(marker);
  }

  @Test
  void the_node_refuses_a_role_without_the_permission_before_calling_the_ledger() {
    String auditorA = NodeClient.login(nodeA, net.organization(A), "auditor");
    Answer a =
        nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, msp(C)), auditorA);
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.code()).isEqualTo("FORBIDDEN");
  }
}
