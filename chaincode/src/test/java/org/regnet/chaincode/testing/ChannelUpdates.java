package org.regnet.chaincode.testing;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * Real {@code common.ConfigUpdate}s shaped as {@code configtxlator compute_update} shapes them for
 * a channel whose Application group holds Alpine, Harbour and Lagoon: unchanged elements appear in
 * read and write set with their version only; the changed group's version goes up by one.
 */
public final class ChannelUpdates {
  public static final String CHANNEL = "regnet-cases";
  public static final List<String> MEMBERS = List.of("AlpineMSP", "HarbourMSP", "LagoonMSP");
  static final int APP_VERSION = 3;

  private static final Map<String, TestCa> CAS = new java.util.concurrent.ConcurrentHashMap<>();

  private ChannelUpdates() {}

  /** The one CA of {@code msp} used in these updates. */
  public static TestCa ca(final String msp) {
    return CAS.computeIfAbsent(msp, TestCa::forMsp);
  }

  /** The update that adds {@code msp}'s organisation (group named after its MSP id). */
  public static ConfigUpdate admit(final String msp) {
    return admit(msp, UnaryOperator.identity(), UnaryOperator.identity());
  }

  public static String admitBase64(final String msp) {
    return base64(admit(msp));
  }

  /**
   * An admission with its write set's Application group and the new organisation's group edited by
   * the given functions (for tampered updates).
   */
  public static ConfigUpdate admit(
      final String msp,
      final UnaryOperator<ConfigGroup.Builder> application,
      final UnaryOperator<ConfigGroup.Builder> organisation) {
    final ConfigGroup.Builder writeApp = stubs(MEMBERS).setVersion(APP_VERSION + 1);
    writeApp.setModPolicy("Admins");
    writeApp.putGroups(msp, organisation.apply(org(msp).toBuilder()).build());
    return update(stubs(MEMBERS).build(), application.apply(writeApp).build());
  }

  /** The update that removes {@code msp}'s group from the Application group. */
  public static ConfigUpdate remove(final String msp) {
    return remove(msp, UnaryOperator.identity());
  }

  public static ConfigUpdate remove(
      final String msp, final UnaryOperator<ConfigGroup.Builder> application) {
    final List<String> rest = MEMBERS.stream().filter(m -> !m.equals(msp)).toList();
    final ConfigGroup.Builder writeApp = stubs(rest).setVersion(APP_VERSION + 1);
    writeApp.setModPolicy("Admins");
    return update(stubs(rest).build(), application.apply(writeApp).build());
  }

  public static ConfigUpdate update(final ConfigGroup readApp, final ConfigGroup writeApp) {
    return ConfigUpdate.newBuilder()
        .setChannelId(CHANNEL)
        .setReadSet(ConfigGroup.newBuilder().setVersion(1).putGroups("Application", readApp))
        .setWriteSet(ConfigGroup.newBuilder().setVersion(1).putGroups("Application", writeApp))
        .build();
  }

  public static String base64(final ConfigUpdate u) {
    return Base64.getEncoder().encodeToString(u.toByteArray());
  }

  /** The Application group with the given members, its values and policies as version stubs. */
  public static ConfigGroup.Builder stubs(final List<String> members) {
    final ConfigGroup.Builder g = ConfigGroup.newBuilder().setVersion(APP_VERSION);
    for (String m : members) {
      g.putGroups(m, ConfigGroup.newBuilder().setVersion(2).build());
    }
    g.putValues("Capabilities", ConfigValue.newBuilder().setVersion(1).build());
    g.putValues("ACLs", ConfigValue.newBuilder().setVersion(0).build());
    for (String p : List.of("Admins", "Readers", "Writers", "Endorsement")) {
      g.putPolicies(p, ConfigPolicy.newBuilder().setVersion(0).build());
    }
    return g;
  }

  /** An organisation group as {@code configtxgen -printOrg} writes it, with NodeOU policies. */
  public static ConfigGroup org(final String msp) {
    final X509Certificate ca = ca(msp).caCert();
    final FabricMSPConfig fabric =
        FabricMSPConfig.newBuilder()
            .setName(msp)
            .addRootCerts(ByteString.copyFrom(pem(ca), StandardCharsets.UTF_8))
            .addTlsRootCerts(ByteString.copyFrom(pem(ca), StandardCharsets.UTF_8))
            .build();
    final ConfigGroup.Builder g = ConfigGroup.newBuilder().setVersion(0).setModPolicy("Admins");
    g.putValues(
        "MSP",
        ConfigValue.newBuilder()
            .setModPolicy("Admins")
            .setValue(
                MSPConfig.newBuilder()
                    .setType(0)
                    .setConfig(fabric.toByteString())
                    .build()
                    .toByteString())
            .build());
    g.putValues(
        "AnchorPeers",
        ConfigValue.newBuilder()
            .setModPolicy("Admins")
            .setValue(
                AnchorPeers.newBuilder()
                    .addAnchorPeers(
                        AnchorPeer.newBuilder()
                            .setHost("peer0." + msp.toLowerCase() + ".example")
                            .setPort(7051))
                    .build()
                    .toByteString())
            .build());
    final Map<String, MSPRole.MSPRoleType> roles = new TreeMap<>();
    roles.put("Admins", MSPRole.MSPRoleType.ADMIN);
    roles.put("Readers", MSPRole.MSPRoleType.MEMBER);
    roles.put("Writers", MSPRole.MSPRoleType.MEMBER);
    roles.put("Endorsement", MSPRole.MSPRoleType.PEER);
    roles.forEach((name, role) -> g.putPolicies(name, signedBy(msp, role)));
    return g.build();
  }

  /** A policy satisfied by one signature of {@code msp}'s {@code role}. */
  public static ConfigPolicy signedBy(final String msp, final MSPRole.MSPRoleType role) {
    final SignaturePolicyEnvelope env =
        SignaturePolicyEnvelope.newBuilder()
            .setRule(
                SignaturePolicy.newBuilder()
                    .setNOutOf(
                        SignaturePolicy.NOutOf.newBuilder()
                            .setN(1)
                            .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
            .addIdentities(
                MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(
                        MSPRole.newBuilder()
                            .setMspIdentifier(msp)
                            .setRole(role)
                            .build()
                            .toByteString()))
            .build();
    return ConfigPolicy.newBuilder()
        .setModPolicy("Admins")
        .setPolicy(
            Policy.newBuilder()
                .setType(Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(env.toByteString()))
        .build();
  }

  public static String pem(final X509Certificate c) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(c.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
