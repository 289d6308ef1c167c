package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.DELTA;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.LAGOON;
import static org.regnet.chaincode.testing.Fixture.TREATY;
import static org.regnet.chaincode.testing.Fixture.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.util.Base64;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.ChannelUpdates;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.KeyPolicy;
import org.regnet.chaincode.testing.TestNetwork.Result;

/** A membership change carries the channel config update and gathers the admins' signatures. */
class ChannelUpdateTest {
  private static final String UPDATE = ChannelUpdates.admitBase64(DELTA);
  private final Fixture f = new Fixture();

  private static String signatureBy(final String msp) {
    SignatureHeader header =
        SignatureHeader.newBuilder()
            .setCreator(
                SerializedIdentity.newBuilder()
                    .setMspid(msp)
                    .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----"))
                    .build()
                    .toByteString())
            .setNonce(ByteString.copyFromUtf8("nonce"))
            .build();
    return Base64.getEncoder()
        .encodeToString(
            ConfigSignature.newBuilder()
                .setSignatureHeader(header.toByteString())
                .setSignature(ByteString.copyFromUtf8("sig"))
                .build()
                .toByteArray());
  }

  private Result propose(final String signature) {
    return f.net.submit(
        admin(ALPINE),
        "treaty:proposeMembershipChange",
        "{\"treatyId\":\""
            + TREATY
            + "\",\"kind\":\"ADMIT\",\"msp\":\""
            + DELTA
            + "\",\"jurisdiction\":\"DE\",\"channelUpdate\":\""
            + UPDATE
            + "\""
            + (signature == null ? "" : ",\"channelSignature\":\"" + signature + "\"")
            + "}");
  }

  private Result approve(final String msp, final String changeId, final String signature) {
    return f.net.submit(
        admin(msp),
        "treaty:approveMembershipChange",
        "{\"treatyId\":\""
            + TREATY
            + "\",\"changeId\":\""
            + changeId
            + "\",\"channelSignature\":\""
            + signature
            + "\"}");
  }

  @Test
  void signatures_gathered_with_the_votes_are_readable_by_every_member() {
    f.foundTreaty();
    String changeId = Fixture.ok(propose(signatureBy(ALPINE))).json().get("changeId").asText();
    Fixture.ok(approve(HARBOUR, changeId, signatureBy(HARBOUR)));

    JsonNode update =
        f.net
            .evaluate(
                admin(LAGOON),
                "treaty:getChannelUpdate",
                "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}")
            .json();
    assertThat(update.get("update").asText()).isEqualTo(UPDATE);
    assertThat(update.get("updateHash").asText()).matches("[0-9a-f]{64}");
    assertThat(update.get("signatures").fieldNames()).toIterable().containsExactly(ALPINE, HARBOUR);
  }

  /**
   * The pending marker (which blocks other changes for the MSP) and the gathered signatures are
   * treaty-wide records: like the change itself, only a majority of the active members' peers may
   * rewrite them, never two colluding members of a larger treaty through the chaincode-level
   * fallback.
   */
  @Test
  void the_pending_marker_and_the_gathered_signatures_need_the_treatys_majority() {
    f.foundTreaty();
    String majority = "2 of [AlpineMSP.PEER, HarbourMSP.PEER, LagoonMSP.PEER]";
    Fixture.ok(
        f.net.submit(
            admin(ALPINE),
            "treaty:proposeMembershipChange",
            "{\"treatyId\":\"" + TREATY + "\",\"kind\":\"SUSPEND\",\"msp\":\"" + LAGOON + "\"}"));
    assertThat(policyOf(new CompositeKey("mchange~open", TREATY, LAGOON).toString()))
        .isEqualTo(majority);

    String changeId = Fixture.ok(propose(signatureBy(ALPINE))).json().get("changeId").asText();
    assertThat(policyOf(new CompositeKey("mchange~open", TREATY, DELTA).toString()))
        .isEqualTo(majority);
    assertThat(policyOf(new CompositeKey("mchange~channel", changeId).toString()))
        .isEqualTo(majority);
    assertThat(policyOf(new CompositeKey("mchange", changeId).toString())).isEqualTo(majority);
  }

  private String policyOf(final String key) {
    final byte[] p = f.net.ledger().validationParameter(key);
    return p == null ? null : KeyPolicy.describe(p);
  }

  @Test
  void a_signature_made_by_another_authority_is_refused_and_changes_nothing() {
    f.foundTreaty();
    assertThat(propose(signatureBy(HARBOUR)).message()).contains("ACCESS_DENIED");

    String changeId = Fixture.ok(propose(null)).json().get("changeId").asText();
    Result forged = approve(HARBOUR, changeId, signatureBy(LAGOON));
    assertThat(forged.message()).contains("ACCESS_DENIED").contains("channelSignature");
    JsonNode update =
        f.net
            .evaluate(
                admin(ALPINE),
                "treaty:getChannelUpdate",
                "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}")
            .json();
    assertThat(update.get("signatures").size()).isZero();
  }

  @Test
  void a_signature_that_is_not_a_config_signature_is_refused() {
    f.foundTreaty();
    String changeId = Fixture.ok(propose(null)).json().get("changeId").asText();
    assertThat(approve(HARBOUR, changeId, "bm90LWEtc2lnbmF0dXJl").message())
        .contains("VALIDATION_FAILED")
        .contains("channelSignature");
  }

  @Test
  void members_read_what_the_update_does_before_they_sign() {
    f.foundTreaty();
    String changeId = Fixture.ok(propose(null)).json().get("changeId").asText();

    JsonNode summary =
        f.net
            .evaluate(
                admin(HARBOUR),
                "treaty:getChannelUpdate",
                "{\"treatyId\":\"" + TREATY + "\",\"changeId\":\"" + changeId + "\"}")
            .json()
            .get("summary");
    assertThat(summary.get("action").asText()).isEqualTo("ADD");
    assertThat(summary.get("msp").asText()).isEqualTo(DELTA);
    assertThat(summary.get("rootCaSha256").get(0).asText()).hasSize(95);
    assertThat(summary.get("description").asText()).startsWith("adds the organisation DeltaMSP");
  }

  @Test
  void a_tampered_update_is_refused_at_proposal_and_nothing_is_recorded() {
    f.foundTreaty();
    final int before = f.net.ledger().keys().size();
    final String tampered =
        ChannelUpdates.base64(
            ChannelUpdates.admit(DELTA, app -> app.removeGroups(HARBOUR), org -> org));

    Result r =
        f.net.submit(
            admin(ALPINE),
            "treaty:proposeMembershipChange",
            "{\"treatyId\":\""
                + TREATY
                + "\",\"kind\":\"ADMIT\",\"msp\":\""
                + DELTA
                + "\",\"jurisdiction\":\"DE\",\"channelUpdate\":\""
                + tampered
                + "\",\"channelSignature\":\""
                + signatureBy(ALPINE)
                + "\"}");

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("HarbourMSP");
    assertThat(f.net.ledger().keys()).hasSize(before);
  }
}
