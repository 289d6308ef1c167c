package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.junit.jupiter.api.Test;

/**
 * A live channel of Alpine, Harbour and Lagoon, and updates shaped as configtxlator computes them:
 * the node signs only an update whose result differs from the live channel by the named group.
 */
class ChannelUpdateReviewTest {
  static final List<String> MEMBERS = List.of("AlpineMSP", "HarbourMSP", "LagoonMSP");

  static ConfigGroup org(String msp, long version) {
    return org(msp, version, FabricMSPConfig.newBuilder().setName(msp).build(), msp);
  }

  /** An organisation group with the given MSP definition and an Admins policy naming one MSP. */
  static ConfigGroup org(String msp, long version, FabricMSPConfig fabric, String adminsOf) {
    SignaturePolicyEnvelope admins =
        SignaturePolicyEnvelope.newBuilder()
            .addIdentities(
                MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(
                        MSPRole.newBuilder()
                            .setMspIdentifier(adminsOf)
                            .setRole(MSPRole.MSPRoleType.ADMIN)
                            .build()
                            .toByteString()))
            .build();
    return ConfigGroup.newBuilder()
        .setVersion(version)
        .setModPolicy("Admins")
        .putValues(
            "MSP",
            ConfigValue.newBuilder()
                .setModPolicy("Admins")
                .setValue(
                    MSPConfig.newBuilder().setConfig(fabric.toByteString()).build().toByteString())
                .build())
        .putPolicies(
            "Admins",
            ConfigPolicy.newBuilder()
                .setModPolicy("Admins")
                .setPolicy(Policy.newBuilder().setType(1).setValue(admins.toByteString()))
                .build())
        .build();
  }

  static ConfigPolicy policy(String rule, long version) {
    return ConfigPolicy.newBuilder()
        .setVersion(version)
        .setModPolicy("Admins")
        .setPolicy(Policy.newBuilder().setType(1).setValue(ByteString.copyFromUtf8(rule)))
        .build();
  }

  static byte[] live(long appVersion) {
    ConfigGroup.Builder app =
        ConfigGroup.newBuilder()
            .setVersion(appVersion)
            .setModPolicy("Admins")
            .putValues(
                "Capabilities",
                ConfigValue.newBuilder()
                    .setVersion(1)
                    .setModPolicy("Admins")
                    .setValue(ByteString.copyFromUtf8("V2_5"))
                    .build())
            .putPolicies("Admins", policy("MAJORITY Admins", 0))
            .putPolicies("Endorsement", policy("MAJORITY Endorsement", 0));
    MEMBERS.forEach(m -> app.putGroups(m, org(m, 2)));
    ConfigGroup channel =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .setModPolicy("Admins")
            .putGroups("Application", app.build())
            .putGroups(
                "Orderer",
                ConfigGroup.newBuilder()
                    .setVersion(0)
                    .putValues(
                        "BatchSize",
                        ConfigValue.newBuilder().setValue(ByteString.copyFromUtf8("10")).build())
                    .build())
            .build();
    return Config.newBuilder().setSequence(7).setChannelGroup(channel).build().toByteArray();
  }

  /** The Application group as version stubs of {@code members}, its values and policies. */
  static ConfigGroup.Builder stubs(List<String> members) {
    ConfigGroup.Builder g =
        ConfigGroup.newBuilder()
            .setVersion(3)
            .putValues("Capabilities", ConfigValue.newBuilder().setVersion(1).build())
            .putPolicies("Admins", ConfigPolicy.newBuilder().setVersion(0).build())
            .putPolicies("Endorsement", ConfigPolicy.newBuilder().setVersion(0).build());
    members.forEach(m -> g.putGroups(m, ConfigGroup.newBuilder().setVersion(2).build()));
    return g;
  }

  static byte[] update(ConfigGroup read, ConfigGroup write) {
    return ConfigUpdate.newBuilder()
        .setChannelId("regnet-cases")
        .setReadSet(ConfigGroup.newBuilder().setVersion(1).putGroups("Application", read))
        .setWriteSet(ConfigGroup.newBuilder().setVersion(1).putGroups("Application", write))
        .build()
        .toByteArray();
  }

  static byte[] admit(String msp, List<String> kept, UnaryOperator<ConfigGroup.Builder> w) {
    ConfigGroup.Builder write = stubs(kept).setVersion(4).setModPolicy("Admins");
    write.putGroups(msp, org(msp, 0));
    return update(stubs(kept).build(), w.apply(write).build());
  }

  private static byte[] remove(String msp, List<String> kept) {
    return update(stubs(kept).build(), stubs(kept).setVersion(4).setModPolicy("Admins").build());
  }

  @Test
  void signs_an_update_that_only_adds_the_named_group() {
    assertThatCode(
            () ->
                ChannelUpdateReview.check(
                    "ADMIT", "DeltaMSP", live(3), admit("DeltaMSP", MEMBERS, w -> w)))
        .doesNotThrowAnyException();
  }

  @Test
  void refuses_an_admission_that_drops_a_member_left_out_of_both_sets() {
    byte[] u = admit("DeltaMSP", List.of("AlpineMSP", "LagoonMSP"), w -> w);
    assertThatThrownBy(() -> ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(3), u))
        .hasMessageContaining("also changes /Channel/Application/HarbourMSP");
  }

  @Test
  void refuses_an_admission_that_drops_a_policy_by_omission() {
    byte[] u = admit("DeltaMSP", MEMBERS, w -> w.removePolicies("Endorsement"));
    assertThatThrownBy(() -> ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(3), u))
        .hasMessageContaining("also changes /Channel/Application:policy:Endorsement");
  }

  @Test
  void refuses_an_admission_that_changes_a_policy() {
    byte[] u = admit("DeltaMSP", MEMBERS, w -> w.putPolicies("Admins", policy("ANY Admins", 1)));
    assertThatThrownBy(() -> ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(3), u))
        .hasMessageContaining("also changes /Channel/Application:policy:Admins");
  }

  @Test
  void refuses_an_admission_whose_msp_lists_an_admin_certificate() {
    FabricMSPConfig withAdmin =
        FabricMSPConfig.newBuilder()
            .setName("DeltaMSP")
            .addAdmins(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----"))
            .build();
    byte[] u =
        admit(
            "DeltaMSP",
            MEMBERS,
            w -> w.putGroups("DeltaMSP", org("DeltaMSP", 0, withAdmin, "DeltaMSP")));
    assertThatThrownBy(() -> ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(3), u))
        .hasMessageContaining("lists admin certificates");
  }

  @Test
  void refuses_an_admission_whose_policies_name_another_member() {
    byte[] u =
        admit(
            "DeltaMSP",
            MEMBERS,
            w ->
                w.putGroups(
                    "DeltaMSP",
                    org(
                        "DeltaMSP",
                        0,
                        FabricMSPConfig.newBuilder().setName("DeltaMSP").build(),
                        "AlpineMSP")));
    assertThatThrownBy(() -> ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(3), u))
        .hasMessageContaining("names another identity");
  }

  @Test
  void refuses_a_stale_update() {
    assertThatThrownBy(
            () ->
                ChannelUpdateReview.check(
                    "ADMIT", "DeltaMSP", live(4), admit("DeltaMSP", MEMBERS, w -> w)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("stale");
  }

  @Test
  void refuses_to_admit_a_group_the_channel_already_has() {
    byte[] u = update(stubs(MEMBERS).build(), stubs(MEMBERS).build());
    assertThatThrownBy(() -> ChannelUpdateReview.check("ADMIT", "LagoonMSP", live(3), u))
        .hasMessageContaining("must not exist yet");
  }

  @Test
  void signs_a_removal_of_exactly_the_named_group_and_refuses_one_of_two() {
    assertThatCode(
            () ->
                ChannelUpdateReview.check(
                    "WITHDRAW",
                    "LagoonMSP",
                    live(3),
                    remove("LagoonMSP", List.of("AlpineMSP", "HarbourMSP"))))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ChannelUpdateReview.check(
                    "WITHDRAW", "LagoonMSP", live(3), remove("LagoonMSP", List.of("AlpineMSP"))))
        .hasMessageContaining("also changes /Channel/Application/HarbourMSP");
  }

  @Test
  void refuses_garbage() {
    assertThatThrownBy(
            () -> ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(3), new byte[] {1, 2, 3}))
        .isInstanceOf(LedgerException.class);
  }
}
