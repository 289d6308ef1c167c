package org.regnet.chaincode.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.chaincode.testing.ChannelUpdates.CHANNEL;
import static org.regnet.chaincode.testing.ChannelUpdates.MEMBERS;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.ChannelUpdateSummary;
import org.regnet.chaincode.testing.ChannelUpdates;
import org.regnet.chaincode.testing.TestCa;

/**
 * Real ConfigUpdate protos, shaped as configtxlator computes them: the honest admission and removal
 * pass with a summary; every update that also changes something else is refused.
 */
class ConfigUpdateCheckTest {
  private static final String DELTA = "DeltaMSP";
  private static final Set<String> TREATY = Set.copyOf(MEMBERS);

  private static ChannelUpdateSummary admit(final ConfigUpdate u) {
    return ConfigUpdateCheck.verify(ChangeKind.ADMIT, DELTA, CHANNEL, u.toByteArray(), TREATY);
  }

  private static void refusedAdmit(final ConfigUpdate u, final String why) {
    assertThatThrownBy(() -> admit(u))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("VALIDATION_FAILED: channelUpdate:")
        .hasMessageContaining(why);
  }

  @Test
  void an_honest_admission_passes_with_the_root_ca_fingerprint_and_anchor_peer() throws Exception {
    final ChannelUpdateSummary s = admit(ChannelUpdates.admit(DELTA));

    assertThat(s.action()).isEqualTo("ADD");
    assertThat(s.msp()).isEqualTo(DELTA);
    assertThat(s.rootCaSha256())
        .containsExactly(
            ConfigUpdateCheck.fingerprint(ChannelUpdates.ca(DELTA).caCert().getEncoded()));
    assertThat(s.rootCaSha256().get(0)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(s.anchorPeers()).containsExactly("peer0.deltamsp.example:7051");
    assertThat(s.keptGroups()).containsExactlyElementsOf(MEMBERS);
    assertThat(s.description())
        .contains("adds the organisation DeltaMSP")
        .contains(s.rootCaSha256().get(0));
  }

  @Test
  void an_admission_that_also_changes_a_policy_is_refused() {
    refusedAdmit(
        ChannelUpdates.admit(
            DELTA,
            app ->
                app.putPolicies(
                    "Admins",
                    ChannelUpdates.signedBy(DELTA, MSPRole.MSPRoleType.ADMIN).toBuilder()
                        .setVersion(1)
                        .build()),
            org -> org),
        "also changes /Channel/Application:policy:Admins");
  }

  @Test
  void an_admission_that_removes_another_member_is_refused_even_when_the_read_set_omits_it() {
    // as configtxlator computes "add Delta, drop Harbour": Harbour in neither set
    final List<String> kept = List.of("AlpineMSP", "LagoonMSP");
    final ConfigGroup.Builder write =
        ChannelUpdates.stubs(kept).setVersion(4).setModPolicy("Admins");
    write.putGroups(DELTA, ChannelUpdates.org(DELTA));
    refusedAdmit(
        ChannelUpdates.update(ChannelUpdates.stubs(kept).build(), write.build()),
        "removes the member HarbourMSP");
    // and when the read set names it
    refusedAdmit(
        ChannelUpdates.admit(DELTA, app -> app.removeGroups("HarbourMSP"), org -> org),
        "removes the group HarbourMSP");
  }

  @Test
  void an_admission_that_adds_an_admin_certificate_is_refused() {
    refusedAdmit(
        ChannelUpdates.admit(
            DELTA,
            app -> app,
            org -> org.putValues("MSP", mspWithAdmin(DELTA, TestCa.forMsp("AlpineMSP")))),
        "lists admin certificates");
  }

  @Test
  void an_admission_that_adds_an_admin_to_another_member_is_refused() {
    refusedAdmit(
        ChannelUpdates.admit(
            DELTA,
            app ->
                app.putGroups(
                    "HarbourMSP",
                    ConfigGroup.newBuilder()
                        .setVersion(3)
                        .putValues("MSP", mspWithAdmin("HarbourMSP", TestCa.forMsp(DELTA)))
                        .build()),
            org -> org),
        "also changes /Channel/Application/HarbourMSP");
  }

  @Test
  void an_admission_that_changes_capabilities_is_refused() {
    final ConfigUpdate honest = ChannelUpdates.admit(DELTA);
    final ConfigUpdate tampered =
        honest.toBuilder()
            .setReadSet(
                honest.getReadSet().toBuilder()
                    .putValues("Capabilities", ConfigValue.newBuilder().setVersion(0).build()))
            .setWriteSet(
                honest.getWriteSet().toBuilder()
                    .putValues(
                        "Capabilities",
                        ConfigValue.newBuilder()
                            .setVersion(1)
                            .setModPolicy("Admins")
                            .setValue(ByteString.copyFromUtf8("V1_1"))
                            .build()))
            .build();
    refusedAdmit(tampered, "also changes /Channel:value:Capabilities");
  }

  @Test
  void an_admission_that_changes_the_batch_size_is_refused() {
    final ConfigUpdate honest = ChannelUpdates.admit(DELTA);
    final ConfigValue batch =
        ConfigValue.newBuilder()
            .setVersion(1)
            .setModPolicy("Admins")
            .setValue(BatchSize.newBuilder().setMaxMessageCount(100000).build().toByteString())
            .build();
    final ConfigUpdate tampered =
        honest.toBuilder()
            .setReadSet(
                honest.getReadSet().toBuilder()
                    .putGroups(
                        "Orderer",
                        ConfigGroup.newBuilder()
                            .setVersion(0)
                            .putValues("BatchSize", ConfigValue.newBuilder().setVersion(0).build())
                            .build()))
            .setWriteSet(
                honest.getWriteSet().toBuilder()
                    .putGroups(
                        "Orderer",
                        ConfigGroup.newBuilder()
                            .setVersion(0)
                            .putValues("BatchSize", batch)
                            .build()))
            .build();
    refusedAdmit(tampered, "also changes /Channel/Orderer:value:BatchSize");
  }

  @Test
  void the_new_groups_policies_may_name_only_its_own_roles() {
    refusedAdmit(
        ChannelUpdates.admit(
            DELTA,
            app -> app,
            org ->
                org.putPolicies(
                    "Admins", ChannelUpdates.signedBy("AlpineMSP", MSPRole.MSPRoleType.ADMIN))),
        "names an identity outside DeltaMSP");
  }

  @Test
  void the_group_must_define_the_named_msp_and_only_it() {
    refusedAdmit(
        ChannelUpdates.admit(
            DELTA,
            app -> app.removeGroups(DELTA).putGroups("EvilMSP", ChannelUpdates.org("EvilMSP")),
            org -> org),
        "also changes /Channel/Application/EvilMSP");
    refusedAdmit(
        ChannelUpdates.admit(
            DELTA,
            app -> app,
            org -> org.putValues("MSP", ChannelUpdates.org("EvilMSP").getValuesOrThrow("MSP"))),
        "defines the MSP EvilMSP");
  }

  @Test
  void garbage_and_another_channel_are_refused() {
    assertThatThrownBy(
            () ->
                ConfigUpdateCheck.verify(
                    ChangeKind.ADMIT,
                    DELTA,
                    CHANNEL,
                    "not a proto".getBytes(StandardCharsets.UTF_8),
                    TREATY))
        .hasMessageContaining("channelUpdate");
    assertThatThrownBy(
            () ->
                ConfigUpdateCheck.verify(
                    ChangeKind.ADMIT,
                    DELTA,
                    "other-channel",
                    ChannelUpdates.admit(DELTA).toByteArray(),
                    TREATY))
        .hasMessageContaining("not other-channel");
  }

  @Test
  void an_honest_removal_passes_and_a_removal_of_two_members_is_refused() {
    final ChannelUpdateSummary s =
        ConfigUpdateCheck.verify(
            ChangeKind.WITHDRAW,
            "LagoonMSP",
            CHANNEL,
            ChannelUpdates.remove("LagoonMSP").toByteArray(),
            TREATY);
    assertThat(s.action()).isEqualTo("REMOVE");
    assertThat(s.keptGroups()).containsExactly("AlpineMSP", "HarbourMSP");

    assertThatThrownBy(
            () ->
                ConfigUpdateCheck.verify(
                    ChangeKind.WITHDRAW,
                    "LagoonMSP",
                    CHANNEL,
                    ChannelUpdates.remove("LagoonMSP", app -> app.removeGroups("HarbourMSP"))
                        .toByteArray(),
                    TREATY))
        .hasMessageContaining("HarbourMSP");
    assertThatThrownBy(
            () ->
                ConfigUpdateCheck.verify(
                    ChangeKind.WITHDRAW,
                    "LagoonMSP",
                    CHANNEL,
                    ChannelUpdates.admit(DELTA).toByteArray(),
                    TREATY))
        .hasMessageContaining("channelUpdate");
  }

  @Test
  void suspension_carries_no_channel_update() {
    assertThatThrownBy(
            () ->
                ConfigUpdateCheck.verify(
                    ChangeKind.SUSPEND,
                    "LagoonMSP",
                    CHANNEL,
                    ChannelUpdates.remove("LagoonMSP").toByteArray(),
                    TREATY))
        .hasMessageContaining("carries no channel update");
  }

  private static ConfigValue mspWithAdmin(final String msp, final TestCa adminCa) {
    final FabricMSPConfig fabric =
        FabricMSPConfig.newBuilder()
            .setName(msp)
            .addRootCerts(ByteString.copyFromUtf8(ChannelUpdates.pem(TestCa.forMsp(msp).caCert())))
            .addAdmins(ByteString.copyFromUtf8(ChannelUpdates.pem(adminCa.caCert())))
            .build();
    return ConfigValue.newBuilder()
        .setModPolicy("Admins")
        .setVersion(msp.equals(DELTA) ? 0 : 1)
        .setValue(
            MSPConfig.newBuilder()
                .setType(0)
                .setConfig(fabric.toByteString())
                .build()
                .toByteString())
        .build();
  }
}
