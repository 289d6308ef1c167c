package org.regnet.chaincode.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Consenter;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.ChangeKind;

/**
 * The consenter half of {@link OrdererChangeCheck} on a BFT channel (decision 0033). There the
 * consenters are the Orderer group's {@code Orderers} value, each with an id, its MSP and its
 * signing identity, and the {@code BlockValidation} policy is derived from them; an update that
 * adds or removes a consenter rewrites both, and leaves the consensus type, its options and state
 * alone.
 *
 * <p>What the update shows is checked here: one consenter per orderer organisation after it, the
 * candidate's (on admission) with a fresh id, an identity of the candidate's own CAs and TLS
 * certificates of its own TLS CAs, the leaving member's gone (on withdrawal), and the block
 * validation policy exactly as Fabric derives it (common/policies/bft.go, checked again by the
 * orderers in orderer/consensus/smartbft/configverifier.go). Which consenters there were before
 * does not show; each node confirms against the live channel that the others are unchanged.
 */
final class BftConsenterCheck {
  static final String ORDERERS = OrdererChangeCheck.ORDERER + ":value:Orderers";
  static final String BLOCK_VALIDATION = OrdererChangeCheck.ORDERER + ":policy:BlockValidation";

  private BftConsenterCheck() {}

  /** Whether the update touches what a BFT consenter change touches. */
  static boolean touches(final Set<String> delta) {
    return delta.contains(ORDERERS) || delta.contains(BLOCK_VALIDATION);
  }

  /**
   * Checks the BFT consenters after the update; returns what it does, for the summary.
   *
   * @param ordererOrgs the Orderer group's organisations after the update
   * @param candidate the candidate's MSP definition on admission, null on withdrawal
   */
  static String verify(
      final ChangeKind kind,
      final String msp,
      final ConfigTree write,
      final Set<String> delta,
      final Set<String> ordererOrgs,
      final FabricMSPConfig candidate) {
    if (delta.contains(OrdererChangeCheck.CONSENSUS)) {
      // A BFT channel keeps its type, SmartBFT options and state; a Raft channel has no BFT
      // consenters or derived policy to change.
      throw refuse(
          "changes the consensus type beside the BFT consenters or the block validation policy");
    }
    if (!delta.contains(ORDERERS) || !delta.contains(BLOCK_VALIDATION)) {
      throw refuse("must change the BFT consenters and the block validation policy together");
    }
    final List<Consenter> consenters = consenters(write.get(ORDERERS));
    final Set<String> msps = new TreeSet<>();
    final Set<Integer> ids = new HashSet<>();
    for (Consenter c : consenters) {
      if (!msps.add(c.getMspId())) {
        throw refuse("gives " + c.getMspId() + " two consenters (one orderer per member)");
      }
      if (c.getId() <= 0 || !ids.add(c.getId())) {
        throw refuse("gives two consenters the id " + c.getId());
      }
    }
    if (!msps.equals(ordererOrgs)) {
      throw refuse(
          "leaves the consenters of " + msps + " for the orderer organisations " + ordererOrgs);
    }
    requireBlockValidation(write.get(BLOCK_VALIDATION), consenters);
    final String policy = quorum(consenters.size()) + " of " + consenters.size();
    if (kind == ChangeKind.WITHDRAW) {
      return "; removes its orderer from the orderer organisations and the BFT consenters ("
          + consenters.size()
          + " remain, blocks signed by "
          + policy
          + "; each node confirms against the live channel)";
    }
    final Consenter own =
        consenters.stream().filter(c -> c.getMspId().equals(msp)).findFirst().orElseThrow();
    for (Consenter c : consenters) {
      if (c != own && c.getId() >= own.getId()) {
        throw refuse("the new consenter of " + msp + " must have a fresh id, above every other");
      }
    }
    final List<com.google.protobuf.ByteString> identityCas =
        new ArrayList<>(candidate.getRootCertsList());
    identityCas.addAll(candidate.getIntermediateCertsList());
    if (!OrdererChangeCheck.issuedBy(identityCas, own.getIdentity())) {
      throw refuse("the identity of " + msp + "'s consenter is not issued by " + msp + "'s CAs");
    }
    if (!OrdererChangeCheck.issuedBy(OrdererChangeCheck.tlsCas(candidate), own.getClientTlsCert())
        || !OrdererChangeCheck.issuedBy(
            OrdererChangeCheck.tlsCas(candidate), own.getServerTlsCert())) {
      throw refuse("the TLS certificates of " + msp + "'s consenter are not of its own TLS CA");
    }
    return "; adds its orderer as BFT consenter "
        + own.getId()
        + " at "
        + own.getHost()
        + ":"
        + own.getPort()
        + " (blocks signed by "
        + policy
        + ")";
  }

  /** Fabric's BFT quorum of {@code n} consenters: ceil((n + f + 1) / 2), f = (n - 1) / 3. */
  static int quorum(final int n) {
    final int f = (n - 1) / 3;
    return (n + f + 2) / 2;
  }

  /**
   * The policy Fabric derives from the consenters: their identities in mapping order, a quorum of
   * them signing.
   */
  static SignaturePolicyEnvelope derived(final List<Consenter> consenters) {
    final SignaturePolicy.NOutOf.Builder rule =
        SignaturePolicy.NOutOf.newBuilder().setN(quorum(consenters.size()));
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
    return env.setRule(SignaturePolicy.newBuilder().setNOutOf(rule)).build();
  }

  private static void requireBlockValidation(
      final ConfigTree.Element element, final List<Consenter> consenters) {
    final ConfigPolicy p = (ConfigPolicy) element.proto();
    if (!p.getModPolicy().equals("Admins")) {
      throw refuse("changes the mod_policy of the block validation policy");
    }
    final Policy policy = p.getPolicy();
    final SignaturePolicyEnvelope actual;
    try {
      actual = SignaturePolicyEnvelope.parseFrom(policy.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the block validation policy is malformed");
    }
    if (policy.getType() != Policy.PolicyType.SIGNATURE_VALUE
        || !samePolicy(actual, derived(consenters))) {
      throw refuse(
          "the block validation policy must be "
              + quorum(consenters.size())
              + " of the "
              + consenters.size()
              + " consenters' identities, as Fabric derives it");
    }
  }

  /** Equal as messages; principals compared decoded, so encodings of one identity compare equal. */
  private static boolean samePolicy(
      final SignaturePolicyEnvelope actual, final SignaturePolicyEnvelope expected) {
    if (actual.getVersion() != expected.getVersion()
        || !actual.getRule().equals(expected.getRule())
        || actual.getIdentitiesCount() != expected.getIdentitiesCount()) {
      return false;
    }
    try {
      for (int i = 0; i < expected.getIdentitiesCount(); i++) {
        final MSPPrincipal a = actual.getIdentities(i);
        final MSPPrincipal e = expected.getIdentities(i);
        if (a.getPrincipalClassification() != e.getPrincipalClassification()
            || !SerializedIdentity.parseFrom(a.getPrincipal())
                .equals(SerializedIdentity.parseFrom(e.getPrincipal()))) {
          return false;
        }
      }
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  private static List<Consenter> consenters(final ConfigTree.Element element) {
    final ConfigValue v = (ConfigValue) element.proto();
    if (!v.getModPolicy().equals("Admins")) {
      throw refuse("changes the mod_policy of the BFT consenters");
    }
    try {
      return Orderers.parseFrom(v.getValue()).getConsenterMappingList();
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the BFT consenters are malformed");
    }
  }

  private static RuntimeException refuse(final String detail) {
    return ErrorCode.VALIDATION_FAILED.exception("channelUpdate", detail);
  }
}
