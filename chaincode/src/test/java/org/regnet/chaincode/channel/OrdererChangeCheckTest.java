package org.regnet.chaincode.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.chaincode.testing.ChannelUpdates.CHANNEL;
import static org.regnet.chaincode.testing.ChannelUpdates.MEMBERS;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.ChannelUpdateSummary;
import org.regnet.chaincode.testing.ChannelUpdates;

/**
 * Admissions that bring the candidate's own orderer in the same update, as the network tooling
 * computes them: its orderer organisation and one Raft consenter of its own TLS CA pass; a foreign
 * consenter, a removed orderer organisation, or another consensus type are refused.
 */
class OrdererChangeCheckTest {
  private static final String DELTA = "DeltaMSP";
  private static final long ORDERER_VERSION = 1;

  private static Consenter consenter(final String msp, final int port) {
    final ByteString pem =
        ByteString.copyFrom(
            ChannelUpdates.ca(msp).issue("orderer0." + msp, null).pem(), StandardCharsets.UTF_8);
    return Consenter.newBuilder()
        .setHost("127.0.0.1")
        .setPort(port)
        .setClientTlsCert(pem)
        .setServerTlsCert(pem)
        .build();
  }

  /** The candidate's Orderer-group organisation: its MSP as its peers', its orderer endpoint. */
  private static ConfigGroup ordererOrg(final String msp) {
    final ConfigGroup app = ChannelUpdates.org(msp);
    return app.toBuilder()
        .removeValues("AnchorPeers")
        .removePolicies("Endorsement")
        .putValues(
            "Endpoints",
            ConfigValue.newBuilder()
                .setModPolicy("Admins")
                .setValue(
                    OrdererAddresses.newBuilder()
                        .addAddresses("127.0.0.1:7350")
                        .build()
                        .toByteString())
                .build())
        .build();
  }

  private static ConfigValue consensus(final String type, final List<Consenter> consenters) {
    return ConfigValue.newBuilder()
        .setVersion(2)
        .setModPolicy("Admins")
        .setValue(
            ConsensusType.newBuilder()
                .setType(type)
                .setMetadata(
                    ConfigMetadata.newBuilder().addAllConsenters(consenters).build().toByteString())
                .build()
                .toByteString())
        .build();
  }

  private static ConfigGroup.Builder ordererStubs(final List<String> orgs) {
    final ConfigGroup.Builder g = ConfigGroup.newBuilder().setVersion(ORDERER_VERSION);
    orgs.forEach(o -> g.putGroups(o, ConfigGroup.newBuilder().setVersion(0).build()));
    return g;
  }

  private static List<Consenter> members() {
    return List.of(
        consenter("AlpineMSP", 7060), consenter("HarbourMSP", 7160), consenter("LagoonMSP", 7260));
  }

  /** An admission of Delta whose write set's Orderer group {@code orderer} edits. */
  private static ConfigUpdate admit(final UnaryOperator<ConfigGroup.Builder> orderer) {
    final ConfigUpdate app = ChannelUpdates.admit(DELTA);
    final ConfigGroup.Builder writeOrderer =
        ordererStubs(MEMBERS).setVersion(ORDERER_VERSION + 1).setModPolicy("Admins");
    writeOrderer.putGroups(DELTA, ordererOrg(DELTA));
    final List<Consenter> all = new java.util.ArrayList<>(members());
    all.add(consenter(DELTA, 7360));
    writeOrderer.putValues("ConsensusType", consensus("etcdraft", all));
    return app.toBuilder()
        .setReadSet(
            app.getReadSet().toBuilder().putGroups("Orderer", ordererStubs(MEMBERS).build()))
        .setWriteSet(
            app.getWriteSet().toBuilder().putGroups("Orderer", orderer.apply(writeOrderer).build()))
        .build();
  }

  private static ChannelUpdateSummary verify(final ConfigUpdate u) {
    return ConfigUpdateCheck.verify(
        ChangeKind.ADMIT, DELTA, CHANNEL, u.toByteArray(), Set.copyOf(MEMBERS));
  }

  private static void refused(final ConfigUpdate u, final String why) {
    assertThatThrownBy(() -> verify(u))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("VALIDATION_FAILED: channelUpdate:")
        .hasMessageContaining(why);
  }

  @Test
  void an_admission_with_the_candidates_own_orderer_as_consenter_passes() {
    final ChannelUpdateSummary s = verify(admit(o -> o));

    assertThat(s.description())
        .contains("adds the organisation DeltaMSP")
        .contains("adds its orderer as Raft consenter 127.0.0.1:7360");
  }

  @Test
  void an_admission_whose_new_consenter_is_foreign_is_refused() {
    final List<Consenter> withForeign = new java.util.ArrayList<>(members());
    withForeign.add(consenter("RogueMSP", 7360));
    refused(
        admit(o -> o.putValues("ConsensusType", consensus("etcdraft", withForeign))),
        "must add exactly one consenter of DeltaMSP's own orderer, has 0");
  }

  @Test
  void an_admission_that_adds_a_foreign_consenter_beside_its_own_is_refused() {
    final List<Consenter> both = new java.util.ArrayList<>(members());
    both.add(consenter(DELTA, 7360));
    both.add(consenter("RogueMSP", 7460));
    refused(
        admit(o -> o.putValues("ConsensusType", consensus("etcdraft", both))),
        "leaves 5 consenters for 4 orderer organisations");
  }

  @Test
  void an_admission_that_removes_another_members_consenter_is_refused() {
    refused(
        admit(
            o ->
                o.putValues(
                    "ConsensusType",
                    consensus(
                        "etcdraft",
                        List.of(
                            consenter("AlpineMSP", 7060),
                            consenter("HarbourMSP", 7160),
                            consenter(DELTA, 7360))))),
        "leaves 3 consenters for 4 orderer organisations");
  }

  @Test
  void an_admission_that_removes_another_members_orderer_organisation_is_refused() {
    refused(admit(o -> o.removeGroups("LagoonMSP")), "removes the orderer organisation LagoonMSP");
  }

  @Test
  void an_admission_whose_orderer_organisation_defines_another_msp_is_refused() {
    refused(
        admit(
            o ->
                o.putGroups(
                    DELTA,
                    ordererOrg(DELTA).toBuilder()
                        .putValues("MSP", ordererOrg("RogueMSP").getValuesOrThrow("MSP"))
                        .build())),
        "defines another MSP than its peers'");
  }

  @Test
  void an_admission_that_changes_the_consensus_type_is_refused() {
    final List<Consenter> all = new java.util.ArrayList<>(members());
    all.add(consenter(DELTA, 7360));
    refused(
        admit(o -> o.putValues("ConsensusType", consensus("BFT", all))),
        "changes the consenters of a BFT channel");
  }

  @Test
  void an_admission_that_changes_another_orderer_value_is_refused() {
    refused(
        admit(
            o ->
                o.putValues(
                    "BatchTimeout",
                    ConfigValue.newBuilder().setVersion(1).setModPolicy("Admins").build())),
        "also changes /Channel/Orderer:value:BatchTimeout");
  }

  @Test
  void an_admission_that_also_writes_a_block_validation_policy_on_a_raft_channel_is_refused() {
    refused(
        admit(
            o ->
                o.putPolicies(
                    "BlockValidation",
                    org.hyperledger.fabric.protos.common.ConfigPolicy.newBuilder()
                        .setVersion(1)
                        .setModPolicy("Admins")
                        .build())),
        "changes the consensus type beside the BFT consenters or the block validation policy");
  }
}
