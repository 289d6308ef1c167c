package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.ChannelUpdates;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.TestNetwork.Result;

/**
 * Membership changes end: they expire after the treaty's deadline, the proposer can withdraw them,
 * a failed channel update can be replaced by a fresh one, and each vote counts against the members
 * active at that moment.
 */
class MembershipChangeEndsTest {

  private final Fixture f = new Fixture();

  private Result propose(final String by, final String kind, final String msp, final String extra) {
    return f.net.submit(
        admin(by),
        "treaty:proposeMembershipChange",
        "{\"treatyId\":\""
            + TREATY
            + "\",\"kind\":\""
            + kind
            + "\",\"msp\":\""
            + msp
            + "\""
            + (kind.equals("ADMIT") ? ",\"jurisdiction\":\"DE\"" : "")
            + extra
            + "}");
  }

  private Result propose(final String by, final String kind, final String msp) {
    return propose(by, kind, msp, "");
  }

  private Result call(final String as, final String tx, final String changeId) {
    return f.net.submit(
        admin(as), tx, "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}");
  }

  private Result approve(final String as, final String changeId) {
    return call(as, "treaty:approveMembershipChange", changeId);
  }

  private JsonNode change(final String changeId) {
    return f.net
        .evaluate(
            admin(HARBOUR),
            "treaty:getMembershipChange",
            "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}")
        .json();
  }

  private static String id(final Result r) {
    return ok(r).json().get("changeId").asText();
  }

  @Test
  void a_change_expires_after_the_deadline_in_the_treaty_terms() {
    f.foundTreaty();
    final JsonNode proposed = ok(propose(ALPINE, "ADMIT", DELTA)).json();

    assertThat(Instant.parse(proposed.get("expiresAt").asText()))
        .isEqualTo(Instant.parse(proposed.get("createdAt").asText()).plus(Duration.ofDays(14)));
  }

  @Test
  void the_deadline_comes_from_the_treaty_terms() {
    ok(
        f.net.submit(
            admin(ALPINE),
            "treaty:found",
            Fixture.foundingRequest(ALPINE, HARBOUR, LAGOON)
                .replace(
                    "\"retentionDays\":1825",
                    "\"retentionDays\":1825,\"membershipChangeDays\":3")));
    final JsonNode proposed = ok(propose(ALPINE, "ADMIT", DELTA)).json();

    assertThat(Instant.parse(proposed.get("expiresAt").asText()))
        .isEqualTo(Instant.parse(proposed.get("createdAt").asText()).plus(Duration.ofDays(3)));
  }

  @Test
  void an_expired_change_takes_no_more_votes_reads_as_expired_and_frees_its_msp() {
    f.foundTreaty();
    final String first = id(propose(ALPINE, "ADMIT", DELTA));
    assertThat(propose(HARBOUR, "ADMIT", DELTA).errorCode())
        .as("still pending: blocks a second proposal")
        .isEqualTo("CONFLICT");

    f.net.advance(Duration.ofDays(15));

    final Result late = approve(HARBOUR, first);
    assertThat(late.errorCode()).isEqualTo("INVALID_STATE");
    assertThat(late.message()).contains("expired");
    assertThat(change(first).get("status").asText()).isEqualTo("EXPIRED");

    final String second = id(propose(HARBOUR, "ADMIT", DELTA));
    assertThat(change(second).get("status").asText()).isEqualTo("PENDING");
    assertThat(change(first).get("closedAt").isNull()).as("recorded as expired").isFalse();
    assertThat(ok(approve(LAGOON, second)).json().get("status").asText()).isEqualTo("APPLIED");
  }

  @Test
  void the_proposer_withdraws_a_pending_change_and_may_propose_again() {
    f.foundTreaty();
    final String changeId = id(propose(ALPINE, "ADMIT", DELTA));

    assertThat(call(HARBOUR, "treaty:withdrawMembershipChange", changeId).errorCode())
        .as("not the proposer")
        .isEqualTo("ACCESS_DENIED");
    assertThat(
            f.net
                .submit(
                    officer(ALPINE),
                    "treaty:withdrawMembershipChange",
                    "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}")
                .errorCode())
        .as("not a treaty admin")
        .isEqualTo("ACCESS_DENIED");

    final JsonNode withdrawn = ok(call(ALPINE, "treaty:withdrawMembershipChange", changeId)).json();
    assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(approve(HARBOUR, changeId).errorCode()).isEqualTo("INVALID_STATE");
    assertThat(call(ALPINE, "treaty:withdrawMembershipChange", changeId).errorCode())
        .isEqualTo("INVALID_STATE");

    assertThat(id(propose(ALPINE, "ADMIT", DELTA))).isNotEqualTo(changeId);
  }

  @Test
  void an_applied_change_cannot_be_withdrawn() {
    f.foundTreaty();
    final String changeId = id(propose(ALPINE, "ADMIT", DELTA));
    ok(approve(HARBOUR, changeId));

    assertThat(call(ALPINE, "treaty:withdrawMembershipChange", changeId).errorCode())
        .isEqualTo("INVALID_STATE");
  }

  @Test
  void after_a_failed_channel_update_the_change_is_proposed_again_with_a_fresh_one() {
    f.foundTreaty();
    final String first =
        id(
            propose(
                ALPINE,
                "ADMIT",
                DELTA,
                ",\"channelUpdate\":\"" + ChannelUpdates.admitBase64(DELTA) + "\""));
    ok(approve(HARBOUR, first));
    // the orderer refused that update (stale): the registry is ahead of the channel
    assertThat(propose(ALPINE, "ADMIT", DELTA).errorCode())
        .as("without a channel update there is nothing to retry")
        .isEqualTo("INVALID_STATE");

    final String fresh = ChannelUpdates.admitBase64(DELTA);
    final JsonNode retry =
        ok(propose(LAGOON, "ADMIT", DELTA, ",\"channelUpdate\":\"" + fresh + "\"")).json();
    assertThat(retry.get("channelOnly").asBoolean()).isTrue();
    // four active members now: three approvals
    ok(approve(HARBOUR, retry.get("changeId").asText()));
    assertThat(ok(approve(ALPINE, retry.get("changeId").asText())).json().get("status").asText())
        .isEqualTo("APPLIED");

    final JsonNode treaty =
        f.net.evaluate(admin(DELTA), "treaty:get", "{\"treatyId\":\"" + TREATY + "\"}").json();
    assertThat(treaty.get("members")).hasSize(4);
    assertThat(
            f.net
                .evaluate(
                    admin(ALPINE),
                    "treaty:getChannelUpdate",
                    "{\"treatyId\":\""
                        + TREATY
                        + "\",\"changeId\":\""
                        + retry.get("changeId").asText()
                        + "\"}")
                .json()
                .get("update")
                .asText())
        .isEqualTo(fresh);
  }

  @Test
  void each_vote_counts_only_members_active_at_that_moment() {
    ok(
        f.net.submit(
            admin(ALPINE),
            "treaty:found",
            Fixture.foundingRequest(ALPINE, HARBOUR, LAGOON, DELTA)));
    // four active: three approvals needed
    final String suspendDelta = id(propose(LAGOON, "SUSPEND", DELTA));
    assertThat(change(suspendDelta).get("requiredApprovals").asInt()).isEqualTo(3);

    final String suspendLagoon = id(propose(ALPINE, "SUSPEND", LAGOON));
    ok(approve(HARBOUR, suspendLagoon));
    assertThat(ok(approve(DELTA, suspendLagoon)).json().get("status").asText())
        .isEqualTo("APPLIED");

    // three active now: two needed, and Lagoon's earlier approval no longer counts
    final JsonNode one = ok(approve(ALPINE, suspendDelta)).json();
    assertThat(one.get("status").asText()).isEqualTo("PENDING");
    assertThat(one.get("requiredApprovals").asInt()).isEqualTo(2);
    assertThat(ok(approve(HARBOUR, suspendDelta)).json().get("status").asText())
        .isEqualTo("APPLIED");
  }
}
