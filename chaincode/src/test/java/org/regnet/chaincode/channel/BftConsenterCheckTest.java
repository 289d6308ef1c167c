package org.regnet.chaincode.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.chaincode.testing.ChannelUpdates.CHANNEL;
import static org.regnet.chaincode.testing.ChannelUpdates.MEMBERS;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consenter;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.ChannelUpdateSummary;
import org.regnet.chaincode.testing.ChannelUpdates;

/**
 * Membership changes of a BFT channel as the network tooling computes them (decision 0033): the
 * candidate's consenter (fresh id, identity and TLS certificates of its own CAs) added to the
 * Orderers value, or the leaving member's removed, and the block validation policy rewritten as
 * Fabric derives it; anything else is refused.
 */
class BftConsenterCheckTest {
  private static final String DELTA = "DeltaMSP";
  private static final long ORDERER_VERSION = 1;

  /** {@code msp}'s orderer as a BFT consenter: identity and TLS certificate of {@code ca}. */
  private static Consenter consenter(final int id, final String msp, final String ca) {
    final ByteString identity = pem(ca, "orderer0." + msp);
    final ByteString tls = pem(ca, "tls-orderer0." + msp);
    return Consenter.newBuilder()
        .setId(id)
        .setHost("127.0.0.1")
        .setPort(7060 + 100 * (id - 1))
        .setMspId(msp)
        .setIdentity(identity)
        .setClientTlsCert(tls)
        .setServerTlsCert(tls)
        .build();
  }

  private static Consenter consenter(final int id, final String msp) {
    return consenter(id, msp, msp);
  }

  private static ByteString pem(final String ca, final String cn) {
    return ByteString.copyFromUtf8(ChannelUpdates.ca(ca).issue(cn, null).pem());
  }

  // Issued once: each issue makes a new key, and the policy must name the mapping's identities.
  private static final List<Consenter> MEMBER_CONSENTERS =
      List.of(consenter(1, "AlpineMSP"), consenter(2, "HarbourMSP"), consenter(3, "LagoonMSP"));
  private static final Consenter DELTA_CONSENTER = consenter(4, DELTA);

  private static List<Consenter> members() {
    return MEMBER_CONSENTERS;
  }

  private static List<Consenter> withDelta() {
    final List<Consenter> all = new ArrayList<>(members());
    all.add(DELTA_CONSENTER);
    return all;
  }

  private static ConfigValue orderers(final List<Consenter> consenters) {
    return ConfigValue.newBuilder()
        .setVersion(1)
        .setModPolicy("Admins")
        .setValue(Orderers.newBuilder().addAllConsenterMapping(consenters).build().toByteString())
        .build();
  }

  /** {@code n} signatures out of the consenters' identities, written out as Fabric encodes it. */
  private static ConfigPolicy blockValidation(final int n, final List<Consenter> consenters) {
    final SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(n);
    final SignaturePolicyEnvelope.Builder env = SignaturePolicyEnvelope.newBuilder();
    for (int i = 0; i < consenters.size(); i++) {
      rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
      env.addIdentities(
          MSPPrincipal.newBuilder()
              .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
              .setPrincipal(
                  SerializedIdentity.newBuilder()
                      .setMspid(consenters.get(i).getMspId())
                      .setIdBytes(consenters.get(i).getIdentity())
                      .build()
                      .toByteString()));
    }
    return ConfigPolicy.newBuilder()
        .setVersion(1)
        .setModPolicy("Admins")
        .setPolicy(
            Policy.newBuilder()
                .setType(Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(
                    env.setRule(SignaturePolicy.newBuilder().setNOutOf(rule))
                        .build()
                        .toByteString()))
        .build();
  }

  private static ConfigGroup ordererOrg(final String msp) {
    return ChannelUpdates.org(msp).toBuilder()
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

  private static ConfigGroup.Builder ordererStubs(final List<String> orgs) {
    final ConfigGroup.Builder g = ConfigGroup.newBuilder().setVersion(ORDERER_VERSION);
    orgs.forEach(o -> g.putGroups(o, ConfigGroup.newBuilder().setVersion(0).build()));
    return g;
  }

  /** An admission of Delta on a BFT channel whose write set's Orderer group {@code edit} edits. */
  private static ConfigUpdate admit(final UnaryOperator<ConfigGroup.Builder> edit) {
    final ConfigUpdate app = ChannelUpdates.admit(DELTA);
    final ConfigGroup.Builder write =
        ordererStubs(MEMBERS).setVersion(ORDERER_VERSION + 1).setModPolicy("Admins");
    write.putGroups(DELTA, ordererOrg(DELTA));
    write.putValues("Orderers", orderers(withDelta()));
    write.putPolicies("BlockValidation", blockValidation(3, withDelta()));
    return withOrderer(app, ordererStubs(MEMBERS).build(), edit.apply(write).build());
  }

  /** Lagoon's withdrawal, its consenter removed, edited by {@code edit}. */
  private static ConfigUpdate withdraw(final UnaryOperator<ConfigGroup.Builder> edit) {
    final ConfigUpdate app = ChannelUpdates.remove("LagoonMSP");
    final List<String> rest = List.of("AlpineMSP", "HarbourMSP");
    final List<Consenter> left = members().subList(0, 2);
    final ConfigGroup.Builder write =
        ordererStubs(rest).setVersion(ORDERER_VERSION + 1).setModPolicy("Admins");
    write.putValues("Orderers", orderers(left));
    write.putPolicies("BlockValidation", blockValidation(2, left));
    return withOrderer(app, ordererStubs(rest).build(), edit.apply(write).build());
  }

  private static ConfigUpdate withOrderer(
      final ConfigUpdate app, final ConfigGroup read, final ConfigGroup write) {
    return app.toBuilder()
        .setReadSet(app.getReadSet().toBuilder().putGroups("Orderer", read))
        .setWriteSet(app.getWriteSet().toBuilder().putGroups("Orderer", write))
        .build();
  }

  private static ChannelUpdateSummary verify(final ConfigUpdate u) {
    return ConfigUpdateCheck.verify(
        ChangeKind.ADMIT, DELTA, CHANNEL, u.toByteArray(), Set.copyOf(MEMBERS));
  }

  private static ChannelUpdateSummary verifyWithdrawal(final ConfigUpdate u) {
    return ConfigUpdateCheck.verify(
        ChangeKind.WITHDRAW,
        "LagoonMSP",
        CHANNEL,
        u.toByteArray(),
        Set.of("AlpineMSP", "HarbourMSP"));
  }

  private static void refused(final ConfigUpdate u, final String why) {
    assertThatThrownBy(() -> verify(u))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("VALIDATION_FAILED: channelUpdate:")
        .hasMessageContaining(why);
  }

  @Test
  void fabric_quorum_for_n_consenters() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(BftConsenterCheck::quorum))
        .containsExactly(1, 2, 2, 3, 4, 4, 5);
  }

  @Test
  void an_admission_with_its_own_consenter_and_the_derived_policy_passes() {
    final ChannelUpdateSummary s = verify(admit(o -> o));

    assertThat(s.description())
        .contains("adds the organisation DeltaMSP")
        .contains(
            "adds its orderer as BFT consenter 4 at 127.0.0.1:7360 (blocks signed by 3 of 4)");
  }

  @Test
  void a_withdrawal_that_removes_its_consenter_and_rewrites_the_policy_passes() {
    final ChannelUpdateSummary s = verifyWithdrawal(withdraw(o -> o));

    assertThat(s.description())
        .contains("removes the organisation LagoonMSP")
        .contains("removes its orderer from the orderer organisations and the BFT consenters")
        .contains("2 remain, blocks signed by 2 of 2");
  }

  @Test
  void a_withdrawal_that_keeps_the_leaving_members_consenter_is_refused() {
    final List<Consenter> kept = members();
    assertThatThrownBy(
            () ->
                verifyWithdrawal(
                    withdraw(
                        o ->
                            o.putValues("Orderers", orderers(kept))
                                .putPolicies("BlockValidation", blockValidation(2, kept)))))
        .hasMessageContaining("leaves the consenters of [AlpineMSP, HarbourMSP, LagoonMSP]");
  }

  @Test
  void an_admission_that_leaves_the_block_validation_policy_as_it_was_is_refused() {
    refused(
        admit(o -> o.removePolicies("BlockValidation")),
        "must change the BFT consenters and the block validation policy together");
  }

  @Test
  void an_admission_whose_policy_has_another_quorum_is_refused() {
    refused(
        admit(o -> o.putPolicies("BlockValidation", blockValidation(2, withDelta()))),
        "the block validation policy must be 3 of the 4 consenters' identities");
  }

  @Test
  void an_admission_whose_policy_names_a_foreign_identity_is_refused() {
    final List<Consenter> rogue = new ArrayList<>(members());
    rogue.add(consenter(4, DELTA, "RogueMSP"));
    refused(
        admit(o -> o.putPolicies("BlockValidation", blockValidation(3, rogue))),
        "the block validation policy must be 3 of the 4");
  }

  @Test
  void an_admission_whose_policy_leaves_out_a_consenter_is_refused() {
    refused(
        admit(o -> o.putPolicies("BlockValidation", blockValidation(3, members()))),
        "the block validation policy must be 3 of the 4");
  }

  @Test
  void an_admission_that_also_changes_the_consensus_type_is_refused() {
    refused(
        admit(
            o ->
                o.putValues(
                    "ConsensusType",
                    ConfigValue.newBuilder()
                        .setVersion(2)
                        .setModPolicy("Admins")
                        .setValue(ConsensusType.newBuilder().setType("BFT").build().toByteString())
                        .build())),
        "changes the consensus type beside the BFT consenters or the block validation policy");
  }

  @Test
  void an_admission_whose_consenter_identity_is_of_another_ca_is_refused() {
    final Consenter foreign =
        DELTA_CONSENTER.toBuilder().setIdentity(pem("RogueMSP", "orderer0." + DELTA)).build();
    final List<Consenter> all = new ArrayList<>(members());
    all.add(foreign);
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(all))
                    .putPolicies("BlockValidation", blockValidation(3, all))),
        "the identity of DeltaMSP's consenter is not issued by DeltaMSP's CAs");
  }

  @Test
  void an_admission_whose_consenter_tls_certificate_is_of_another_ca_is_refused() {
    final Consenter foreign =
        DELTA_CONSENTER.toBuilder()
            .setServerTlsCert(pem("RogueMSP", "tls-orderer0." + DELTA))
            .build();
    final List<Consenter> all = new ArrayList<>(members());
    all.add(foreign);
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(all))
                    .putPolicies("BlockValidation", blockValidation(3, all))),
        "the TLS certificates of DeltaMSP's consenter are not of its own TLS CA");
  }

  @Test
  void an_admission_that_gives_the_candidate_two_consenters_is_refused() {
    final List<Consenter> two = new ArrayList<>(withDelta());
    two.add(consenter(5, DELTA));
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(two))
                    .putPolicies("BlockValidation", blockValidation(4, two))),
        "gives DeltaMSP two consenters");
  }

  @Test
  void an_admission_that_swaps_another_members_consenter_for_a_foreign_one_is_refused() {
    final List<Consenter> swapped =
        List.of(
            consenter(1, "AlpineMSP"),
            consenter(2, "HarbourMSP"),
            consenter(3, "RogueMSP"),
            consenter(4, DELTA));
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(swapped))
                    .putPolicies("BlockValidation", blockValidation(3, swapped))),
        "leaves the consenters of [AlpineMSP, DeltaMSP, HarbourMSP, RogueMSP]");
  }

  @Test
  void an_admission_that_reuses_an_id_is_refused() {
    final List<Consenter> reused = new ArrayList<>(members());
    reused.add(consenter(2, DELTA));
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(reused))
                    .putPolicies("BlockValidation", blockValidation(3, reused))),
        "gives two consenters the id 2");
  }

  @Test
  void an_admission_whose_consenter_id_is_not_above_the_others_is_refused() {
    final List<Consenter> low =
        List.of(
            consenter(2, "AlpineMSP"),
            consenter(3, "HarbourMSP"),
            consenter(4, "LagoonMSP"),
            consenter(1, DELTA));
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(low))
                    .putPolicies("BlockValidation", blockValidation(3, low))),
        "must have a fresh id, above every other");
  }

  @Test
  void an_admission_with_a_consenter_id_of_zero_is_refused() {
    final List<Consenter> zero = new ArrayList<>(members());
    zero.add(DELTA_CONSENTER.toBuilder().setId(0).build());
    refused(
        admit(
            o ->
                o.putValues("Orderers", orderers(zero))
                    .putPolicies("BlockValidation", blockValidation(3, zero))),
        "gives two consenters the id 0");
  }

  @Test
  void an_admission_that_changes_who_may_modify_the_consenters_is_refused() {
    refused(
        admit(
            o ->
                o.putValues(
                    "Orderers", orderers(withDelta()).toBuilder().setModPolicy("Writers").build())),
        "changes the mod_policy of the BFT consenters");
  }

  @Test
  void an_admission_that_changes_who_may_modify_the_block_validation_policy_is_refused() {
    refused(
        admit(
            o ->
                o.putPolicies(
                    "BlockValidation",
                    blockValidation(3, withDelta()).toBuilder().setModPolicy("Writers").build())),
        "changes the mod_policy of the block validation policy");
  }

  @Test
  void an_admission_with_malformed_consenters_is_refused() {
    refused(
        admit(
            o ->
                o.putValues(
                    "Orderers",
                    orderers(withDelta()).toBuilder()
                        .setValue(ByteString.copyFromUtf8("not a proto"))
                        .build())),
        "the BFT consenters are malformed");
  }
}
