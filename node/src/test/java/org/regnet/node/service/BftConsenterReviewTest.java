package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consenter;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.junit.jupiter.api.Test;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;

/**
 * A live BFT channel whose three members each run a consenter (decision 0033): admitting Delta may
 * add exactly Delta's consenter and must rewrite the block validation policy as Fabric derives it;
 * withdrawing Lagoon must remove exactly Lagoon's; no other consenter may change.
 */
class BftConsenterReviewTest {
  private static final List<String> MEMBERS = List.of("AlpineMSP", "HarbourMSP", "LagoonMSP");
  private static final Map<String, CertificateAuthority> CAS = new LinkedHashMap<>();
  private static final Map<String, CertificateAuthority> TLS_CAS = new LinkedHashMap<>();
  private static final Map<String, Consenter> CONSENTERS = new LinkedHashMap<>();

  static {
    int id = 1;
    for (String msp : List.of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP", "RogueMSP")) {
      CAS.put(msp, CertificateAuthority.create("CH", msp, "ca." + msp));
      TLS_CAS.put(msp, CertificateAuthority.create("CH", msp, "tlsca." + msp));
      CONSENTERS.put(msp, consenter(id++, msp, msp, msp));
    }
  }

  /** {@code msp}'s consenter, its identity issued by {@code ca}'s CA, TLS by {@code tlsCa}'s. */
  private static Consenter consenter(int id, String msp, String ca, String tlsCa) {
    ByteString identity =
        pem(
            CAS.get(ca)
                .issueClient(
                    "orderer0." + msp,
                    "orderer",
                    KeyPairs.p256().getPublic(),
                    Map.of(),
                    CertificateAuthority.DEFAULT_VALIDITY));
    ByteString tls =
        pem(
            TLS_CAS
                .get(tlsCa)
                .issueTls(
                    "orderer0." + msp,
                    KeyPairs.p256().getPublic(),
                    List.of("127.0.0.1"),
                    CertificateAuthority.DEFAULT_VALIDITY));
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

  private static ByteString pem(java.security.cert.X509Certificate c) {
    return ByteString.copyFrom(Pem.encode(c).getBytes(StandardCharsets.UTF_8));
  }

  private static FabricMSPConfig mspOf(String msp) {
    return FabricMSPConfig.newBuilder()
        .setName(msp)
        .addRootCerts(pem(CAS.get(msp).certificate()))
        .addTlsRootCerts(pem(TLS_CAS.get(msp).certificate()))
        .build();
  }

  private static ConfigGroup org(String msp, long version) {
    return ChannelUpdateReviewTest.org(msp, version, mspOf(msp), msp);
  }

  private static List<Consenter> of(String... msps) {
    List<Consenter> out = new ArrayList<>();
    for (String m : msps) {
      out.add(CONSENTERS.get(m));
    }
    return out;
  }

  private static ConfigValue orderers(long version, List<Consenter> consenters) {
    return ConfigValue.newBuilder()
        .setVersion(version)
        .setModPolicy("Admins")
        .setValue(Orderers.newBuilder().addAllConsenterMapping(consenters).build().toByteString())
        .build();
  }

  /** {@code n} of the consenters' identities, written out as Fabric's bft.go encodes it. */
  private static ConfigPolicy blockValidation(long version, int n, List<Consenter> consenters) {
    SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(n);
    SignaturePolicyEnvelope.Builder env = SignaturePolicyEnvelope.newBuilder();
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
        .setVersion(version)
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

  private static ConfigValue bft(long version) {
    return ConfigValue.newBuilder()
        .setVersion(version)
        .setModPolicy("Admins")
        .setValue(ConsensusType.newBuilder().setType("BFT").build().toByteString())
        .build();
  }

  private static byte[] live() {
    ConfigGroup.Builder app = ConfigGroup.newBuilder().setVersion(3).setModPolicy("Admins");
    ConfigGroup.Builder orderer =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .setModPolicy("Admins")
            .putValues("ConsensusType", bft(0))
            .putValues("Orderers", orderers(0, of("AlpineMSP", "HarbourMSP", "LagoonMSP")))
            .putPolicies(
                "BlockValidation",
                blockValidation(0, 2, of("AlpineMSP", "HarbourMSP", "LagoonMSP")));
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

  private static ConfigGroup.Builder stubs(long version, List<String> members, long orgVersion) {
    ConfigGroup.Builder g = ConfigGroup.newBuilder().setVersion(version);
    members.forEach(m -> g.putGroups(m, ConfigGroup.newBuilder().setVersion(orgVersion).build()));
    return g;
  }

  /**
   * An update to members {@code after} (Delta in full when named) in both groups, the consenters
   * {@code consenters} and the policy derived from them, its Orderer group edited by {@code edit}.
   */
  private static byte[] update(
      List<String> after, List<Consenter> consenters, UnaryOperator<ConfigGroup.Builder> edit) {
    ConfigGroup.Builder app = stubs(4, List.of(), 2).setModPolicy("Admins");
    ConfigGroup.Builder orderer = stubs(2, List.of(), 0).setModPolicy("Admins");
    for (String m : after) {
      boolean member = MEMBERS.contains(m);
      app.putGroups(m, member ? ConfigGroup.newBuilder().setVersion(2).build() : org(m, 0));
      orderer.putGroups(m, member ? ConfigGroup.newBuilder().setVersion(0).build() : org(m, 0));
    }
    // unchanged: listed at its live version in both sets, as configtxlator compute_update does
    orderer.putValues("ConsensusType", ConfigValue.newBuilder().setVersion(0).build());
    orderer.putValues("Orderers", orderers(1, consenters));
    orderer.putPolicies(
        "BlockValidation",
        blockValidation(1, BftConsenterReview.quorum(consenters.size()), consenters));
    ConfigGroup read =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .putGroups("Application", stubs(3, MEMBERS, 2).build())
            .putGroups(
                "Orderer",
                stubs(1, MEMBERS, 0)
                    .putValues("ConsensusType", ConfigValue.newBuilder().setVersion(0).build())
                    .build())
            .build();
    ConfigGroup write =
        ConfigGroup.newBuilder()
            .setVersion(1)
            .putGroups("Application", app.build())
            .putGroups("Orderer", edit.apply(orderer).build())
            .build();
    return ConfigUpdate.newBuilder()
        .setChannelId("regnet-cases")
        .setReadSet(read)
        .setWriteSet(write)
        .build()
        .toByteArray();
  }

  private static final List<String> WITH_DELTA =
      List.of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP");

  private static void admit(byte[] u) {
    ChannelUpdateReview.check("ADMIT", "DeltaMSP", live(), u);
  }

  @Test
  void signs_an_admission_that_adds_the_candidates_consenter_with_the_derived_policy() {
    byte[] u = update(WITH_DELTA, of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP"), o -> o);
    assertThatCode(() -> admit(u)).doesNotThrowAnyException();
  }

  @Test
  void refuses_an_admission_that_drops_the_block_validation_policy() {
    byte[] u =
        update(
            WITH_DELTA,
            of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP"),
            o -> o.removePolicies("BlockValidation"));
    assertThatThrownBy(() -> admit(u))
        .hasMessageContaining("removes /Channel/Orderer:policy:BlockValidation from a BFT channel");
  }

  @Test
  void refuses_an_admission_whose_policy_is_not_the_derived_one() {
    List<Consenter> all = of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP");
    byte[] u =
        update(WITH_DELTA, all, o -> o.putPolicies("BlockValidation", blockValidation(1, 2, all)));
    assertThatThrownBy(() -> admit(u))
        .hasMessageContaining("the block validation policy must be 3 of the 4");
  }

  @Test
  void refuses_an_admission_that_also_swaps_another_members_consenter() {
    Consenter otherLagoon = consenter(3, "LagoonMSP", "LagoonMSP", "LagoonMSP");
    List<Consenter> all = of("AlpineMSP", "HarbourMSP");
    all.add(otherLagoon);
    all.add(CONSENTERS.get("DeltaMSP"));
    byte[] u = update(WITH_DELTA, all, o -> o);
    assertThatThrownBy(() -> admit(u))
        .hasMessageContaining("must add exactly one BFT consenter, that of DeltaMSP");
  }

  @Test
  void refuses_an_admission_whose_consenter_identity_is_of_another_ca() {
    List<Consenter> all = of("AlpineMSP", "HarbourMSP", "LagoonMSP");
    all.add(consenter(4, "DeltaMSP", "RogueMSP", "DeltaMSP"));
    byte[] u = update(WITH_DELTA, all, o -> o);
    assertThatThrownBy(() -> admit(u))
        .hasMessageContaining("the new consenter's identity is not of DeltaMSP's CAs");
  }

  @Test
  void refuses_an_admission_whose_consenter_tls_is_of_another_ca() {
    List<Consenter> all = of("AlpineMSP", "HarbourMSP", "LagoonMSP");
    all.add(consenter(4, "DeltaMSP", "DeltaMSP", "RogueMSP"));
    byte[] u = update(WITH_DELTA, all, o -> o);
    assertThatThrownBy(() -> admit(u))
        .hasMessageContaining("the new consenter's TLS certificates are not of DeltaMSP's");
  }

  @Test
  void refuses_an_admission_that_reuses_a_current_id() {
    List<Consenter> all = of("AlpineMSP", "HarbourMSP", "LagoonMSP");
    all.add(consenter(2, "DeltaMSP", "DeltaMSP", "DeltaMSP"));
    byte[] u = update(WITH_DELTA, all, o -> o);
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("id must be above every current one");
  }

  @Test
  void refuses_an_admission_that_reorders_the_other_consenters() {
    byte[] u = update(WITH_DELTA, of("HarbourMSP", "AlpineMSP", "LagoonMSP", "DeltaMSP"), o -> o);
    assertThatThrownBy(() -> admit(u)).hasMessageContaining("reorders the other BFT consenters");
  }

  @Test
  void refuses_an_admission_that_changes_the_consensus_type_or_options() {
    byte[] u =
        update(
            WITH_DELTA,
            of("AlpineMSP", "HarbourMSP", "LagoonMSP", "DeltaMSP"),
            o -> o.putValues("ConsensusType", bft(1)));
    // the same type at a new version still replaces the live value: refused, not waved through
    assertThatThrownBy(() -> admit(u))
        .hasMessageContaining("changes the consensus type or its options on a BFT channel");
  }

  @Test
  void signs_a_withdrawal_that_removes_the_members_own_consenter() {
    List<String> staying = List.of("AlpineMSP", "HarbourMSP");
    byte[] u = update(staying, of("AlpineMSP", "HarbourMSP"), o -> o);
    assertThatCode(() -> ChannelUpdateReview.check("WITHDRAW", "LagoonMSP", live(), u))
        .doesNotThrowAnyException();
  }

  @Test
  void refuses_a_withdrawal_that_removes_another_members_consenter() {
    List<String> staying = List.of("AlpineMSP", "HarbourMSP");
    byte[] u = update(staying, of("AlpineMSP", "LagoonMSP"), o -> o);
    assertThatThrownBy(() -> ChannelUpdateReview.check("WITHDRAW", "LagoonMSP", live(), u))
        .hasMessageContaining("the consenter 2 is not LagoonMSP's");
  }
}
