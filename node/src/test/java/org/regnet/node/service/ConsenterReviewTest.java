package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.junit.jupiter.api.Test;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;

/**
 * A live channel whose three members each run a Raft orderer under their own MSP: admitting Delta
 * may add Delta's own orderer and consenter, withdrawing Lagoon must remove Lagoon's, and no update
 * gets a signature that touches another member's consenter or brings in a foreign one.
 */
class ConsenterReviewTest {
  private static final List<String> MEMBERS = List.of("AlpineMSP", "HarbourMSP", "LagoonMSP");
  private static final Map<String, CertificateAuthority> TLS_CAS = new LinkedHashMap<>();
  private static final Map<String, Consenter> CONSENTERS = new LinkedHashMap<>();
  private static final Options OPTIONS =
      Options.newBuilder().setTickInterval("500ms").setElectionTick(10).build();

  static {
    int port = 7060;
    for (String msp : List.of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP", "RogueMSP")) {
      CertificateAuthority ca = CertificateAuthority.create("CH", msp, "tlsca." + msp);
      TLS_CAS.put(msp, ca);
      ByteString cert =
          ByteString.copyFrom(
              Pem.encode(
                      ca.issueTls(
                          "orderer0." + msp,
                          KeyPairs.p256().getPublic(),
                          List.of("127.0.0.1"),
                          CertificateAuthority.DEFAULT_VALIDITY))
                  .getBytes(StandardCharsets.UTF_8));
      CONSENTERS.put(
          msp,
          Consenter.newBuilder()
              .setHost("127.0.0.1")
              .setPort(port)
              .setClientTlsCert(cert)
              .setServerTlsCert(cert)
              .build());
      port += 100;
    }
  }

  private static FabricMSPConfig mspOf(String msp) {
    return FabricMSPConfig.newBuilder()
        .setName(msp)
        .addTlsRootCerts(
            ByteString.copyFrom(
                Pem.encode(TLS_CAS.get(msp).certificate()).getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static ConfigGroup org(String msp, long version) {
    return ChannelUpdateReviewTest.org(msp, version, mspOf(msp), msp);
  }

  private static ConfigValue consensus(long version, List<String> consenters, Options options) {
    ConfigMetadata.Builder m = ConfigMetadata.newBuilder().setOptions(options);
    consenters.forEach(c -> m.addConsenters(CONSENTERS.get(c)));
    return ConfigValue.newBuilder()
        .setVersion(version)
        .setModPolicy("Admins")
        .setValue(
            ConsensusType.newBuilder()
                .setType("etcdraft")
                .setMetadata(m.build().toByteString())
                .build()
                .toByteString())
        .build();
  }

  private static byte[] live() {
    ConfigGroup.Builder app = ConfigGroup.newBuilder().setVersion(3).setModPolicy("Admins");
    ConfigGroup.Builder orderer =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .setModPolicy("Admins")
            .putValues("ConsensusType", consensus(1, MEMBERS, OPTIONS));
    for (String m : MEMBERS) {
      app.putGroups(m, org(m, 2));
      orderer.putGroups(m, org(m, 0));
    }
    ConfigGroup channel =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .setModPolicy("Admins")
            .putGroups("Application", app.build())
            .putGroups("Orderer", orderer.build())
            .build();
    return Config.newBuilder().setSequence(7).setChannelGroup(channel).build().toByteArray();
  }

  /** Version stubs of a group's member groups, as the read set names them. */
  private static ConfigGroup.Builder stubs(long version, List<String> members, long orgVersion) {
    ConfigGroup.Builder g = ConfigGroup.newBuilder().setVersion(version);
    members.forEach(m -> g.putGroups(m, ConfigGroup.newBuilder().setVersion(orgVersion).build()));
    return g;
  }

  /**
   * An update: Application members {@code appAfter} (Delta in full when named), Orderer
   * organisations {@code ordererAfter} and the consenters {@code consenters}.
   */
  private static byte[] update(
      List<String> appBefore,
      List<String> appAfter,
      List<String> ordererAfter,
      List<String> consenters,
      Options options) {
    ConfigGroup.Builder app = stubs(4, List.of(), 2).setModPolicy("Admins");
    for (String m : appAfter) {
      app.putGroups(
          m, MEMBERS.contains(m) ? ConfigGroup.newBuilder().setVersion(2).build() : org(m, 0));
    }
    ConfigGroup.Builder orderer = stubs(2, List.of(), 0).setModPolicy("Admins");
    for (String m : ordererAfter) {
      orderer.putGroups(
          m, MEMBERS.contains(m) ? ConfigGroup.newBuilder().setVersion(0).build() : org(m, 0));
    }
    orderer.putValues("ConsensusType", consensus(2, consenters, options));
    ConfigGroup read =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .putGroups("Application", stubs(3, appBefore, 2).build())
            .putGroups("Orderer", stubs(1, MEMBERS, 0).build())
            .build();
    ConfigGroup write =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .putGroups("Application", app.build())
            .putGroups("Orderer", orderer.build())
            .build();
    return ConfigUpdate.newBuilder()
        .setChannelId("regnet-cases")
        .setReadSet(read)
        .setWriteSet(write)
        .build()
        .toByteArray();
  }

  private static List<String> plus(List<String> l, String... more) {
    List<String> out = new ArrayList<>(l);
    out.addAll(List.of(more));
    return out;
  }

  private static void admit(byte[] u) {
    ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(), u);
  }

  @Test
  void signs_an_admission_that_adds_the_candidates_own_orderer_as_consenter() {
    byte[] u =
        update(
            MEMBERS,
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            OPTIONS);
    assertThatCode(() -> admit(u)).doesNotThrowAnyException();
  }

  @Test
  void refuses_an_admission_that_adds_a_foreign_consenter() {
    byte[] u =
        update(
            MEMBERS,
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "RogueMSP"),
            OPTIONS);
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("is not DeltaMSP's own orderer");
  }

  @Test
  void refuses_an_admission_that_adds_a_foreign_consenter_beside_its_own() {
    byte[] u =
        update(
            MEMBERS,
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP", "RogueMSP"),
            OPTIONS);
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("exactly one consenter");
  }

  @Test
  void refuses_an_admission_that_removes_another_members_consenter() {
    byte[] u =
        update(
            MEMBERS,
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            List.of("AlpineMSP", "HarbourMSP", "DeltaMSP"),
            OPTIONS);
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("removes the consenter 127.0.0.1:7260");
  }

  @Test
  void refuses_an_admission_that_adds_an_orderer_organisation_without_its_consenter() {
    byte[] u =
        update(MEMBERS, plus(MEMBERS, "DeltaMSP"), plus(MEMBERS, "DeltaMSP"), MEMBERS, OPTIONS);
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("exactly one consenter");
  }

  @Test
  void refuses_an_admission_that_changes_the_raft_options() {
    byte[] u =
        update(
            MEMBERS,
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            plus(MEMBERS, "DeltaMSP"),
            OPTIONS.toBuilder().setElectionTick(1000).build());
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("changes the Raft options");
  }

  @Test
  void signs_a_withdrawal_that_removes_the_members_own_consenter() {
    List<String> staying = List.of("AlpineMSP", "HarbourMSP");
    byte[] u = update(MEMBERS, staying, staying, staying, OPTIONS);
    assertThatCode(() -> ChannelUpdateReview.check("WITHDRAW", "LagoonMSP", live(), u))
        .doesNotThrowAnyException();
  }

  @Test
  void refuses_a_withdrawal_that_removes_another_members_consenter() {
    List<String> staying = List.of("AlpineMSP", "HarbourMSP");
    byte[] u = update(MEMBERS, staying, staying, List.of("AlpineMSP", "LagoonMSP"), OPTIONS);
    assertThatThrownBy(() -> ChannelUpdateReview.check("WITHDRAW", "LagoonMSP", live(), u))
        .hasMessageContaining("is not LagoonMSP's own orderer");
  }

  @Test
  void refuses_an_admission_that_also_writes_a_block_validation_policy_on_a_raft_channel()
      throws Exception {
    ConfigUpdate u =
        ConfigUpdate.parseFrom(
            update(
                MEMBERS,
                plus(MEMBERS, "DeltaMSP"),
                plus(MEMBERS, "DeltaMSP"),
                plus(MEMBERS, "DeltaMSP"),
                OPTIONS));
    ConfigGroup write = u.getWriteSet();
    ConfigGroup orderer =
        write.getGroupsOrThrow("Orderer").toBuilder()
            .putPolicies(
                "BlockValidation",
                org.hyperledger.fabric.protos.common.ConfigPolicy.newBuilder()
                    .setVersion(1)
                    .setModPolicy("Admins")
                    .build())
            .build();
    byte[] tampered =
        u.toBuilder()
            .setWriteSet(write.toBuilder().putGroups("Orderer", orderer))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> admit(tampered))
        .hasMessageContaining("block validation policy of a Raft channel");
  }
}
