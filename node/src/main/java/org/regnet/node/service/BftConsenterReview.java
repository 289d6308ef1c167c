package org.regnet.node.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Consenter;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.Orderers;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The BFT half of {@link ConsenterReview} (decision 0033): on a BFT channel the consenters are the
 * Orderer group's {@code Orderers} value and the {@code BlockValidation} policy is derived from
 * them. Against the live channel, the update may add exactly the candidate's consenter (a fresh id,
 * its identity from the candidate's own CAs, TLS certificates from its own TLS CA) or remove
 * exactly the leaving member's; every other consenter stays as it is, in its place; the consensus
 * type and options do not change; and the block validation policy becomes what Fabric derives from
 * the resulting consenters (common/policies/bft.go), which the orderers check again.
 */
final class BftConsenterReview {
  static final String ORDERERS = ConsenterReview.ORDERER + ":value:Orderers";
  static final String BLOCK_VALIDATION = ConsenterReview.ORDERER + ":policy:BlockValidation";

  private BftConsenterReview() {}

  static void check(
      String kind,
      String msp,
      Map<String, ChannelUpdateReview.Node> before,
      Map<String, ChannelUpdateReview.Node> after,
      Set<String> changed,
      FabricMSPConfig ownMsp) {
    if (changed.contains(ConsenterReview.CONSENSUS)) {
      throw ConsenterReview.refuse("changes the consensus type or its options on a BFT channel");
    }
    if (!changed.contains(ORDERERS) || !changed.contains(BLOCK_VALIDATION)) {
      throw ConsenterReview.refuse(
          "must change the BFT consenters and the block validation policy together");
    }
    for (String p : List.of(ORDERERS, BLOCK_VALIDATION)) {
      if (before.get(p) == null || after.get(p) == null) {
        throw ConsenterReview.refuse("removes " + p + " from a BFT channel");
      }
    }
    if (!before.get(ORDERERS).modPolicy().equals(after.get(ORDERERS).modPolicy())
        || !before
            .get(BLOCK_VALIDATION)
            .modPolicy()
            .equals(after.get(BLOCK_VALIDATION).modPolicy())) {
      throw ConsenterReview.refuse("changes the mod_policy of the BFT consenters or their policy");
    }
    List<Consenter> was = consenters(before.get(ORDERERS));
    List<Consenter> now = consenters(after.get(ORDERERS));
    List<Consenter> added = new ArrayList<>(now);
    added.removeAll(was);
    List<Consenter> removed = new ArrayList<>(was);
    removed.removeAll(now);
    boolean admit = kind.equals("ADMIT");
    List<Consenter> expected = admit ? added : removed;
    if (!(admit ? removed : added).isEmpty() || expected.size() != 1) {
      throw ConsenterReview.refuse(
          (admit ? "must add" : "must remove")
              + " exactly one BFT consenter, that of "
              + msp
              + ", and change no other");
    }
    Consenter c = expected.get(0);
    if (!c.getMspId().equals(msp)) {
      throw ConsenterReview.refuse("the consenter " + c.getId() + " is not " + msp + "'s");
    }
    // Every other consenter unchanged and in its place: the policy's order follows the mapping.
    List<Consenter> othersBefore = new ArrayList<>(was);
    othersBefore.removeAll(removed);
    List<Consenter> othersAfter = new ArrayList<>(now);
    othersAfter.removeAll(added);
    if (!othersBefore.equals(othersAfter)) {
      throw ConsenterReview.refuse("reorders the other BFT consenters");
    }
    if (admit) {
      for (Consenter o : was) {
        if (o.getId() >= c.getId()) {
          throw ConsenterReview.refuse("the new consenter's id must be above every current one");
        }
      }
      List<ByteString> identityCas = new ArrayList<>(ownMsp.getRootCertsList());
      identityCas.addAll(ownMsp.getIntermediateCertsList());
      if (!ConsenterReview.issuedBy(identityCas, c.getIdentity())) {
        throw ConsenterReview.refuse("the new consenter's identity is not of " + msp + "'s CAs");
      }
      List<ByteString> tls = ConsenterReview.tlsCas(ownMsp);
      if (!ConsenterReview.issuedBy(tls, c.getClientTlsCert())
          || !ConsenterReview.issuedBy(tls, c.getServerTlsCert())) {
        throw ConsenterReview.refuse(
            "the new consenter's TLS certificates are not of " + msp + "'s TLS CA");
      }
    }
    requireDerivedPolicy(after.get(BLOCK_VALIDATION), now);
  }

  /** Fabric's BFT quorum of {@code n} consenters: ceil((n + f + 1) / 2), f = (n - 1) / 3. */
  static int quorum(int n) {
    int f = (n - 1) / 3;
    return (n + f + 2) / 2;
  }

  private static void requireDerivedPolicy(ChannelUpdateReview.Node node, List<Consenter> now) {
    try {
      Policy policy = Policy.parseFrom(node.content());
      SignaturePolicyEnvelope env = SignaturePolicyEnvelope.parseFrom(policy.getValue());
      SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder();
      rule.setN(quorum(now.size()));
      boolean same =
          policy.getType() == Policy.PolicyType.SIGNATURE_VALUE
              && env.getVersion() == 0
              && env.getIdentitiesCount() == now.size();
      for (int i = 0; same && i < now.size(); i++) {
        rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
        MSPPrincipal p = env.getIdentities(i);
        SerializedIdentity expected =
            SerializedIdentity.newBuilder()
                .setMspid(now.get(i).getMspId())
                .setIdBytes(now.get(i).getIdentity())
                .build();
        same =
            p.getPrincipalClassification() == MSPPrincipal.Classification.IDENTITY
                && SerializedIdentity.parseFrom(p.getPrincipal()).equals(expected);
      }
      if (!same || !env.getRule().equals(SignaturePolicy.newBuilder().setNOutOf(rule).build())) {
        throw ConsenterReview.refuse(
            "the block validation policy must be "
                + quorum(now.size())
                + " of the "
                + now.size()
                + " consenters' identities, as Fabric derives it");
      }
    } catch (InvalidProtocolBufferException e) {
      throw ConsenterReview.refuse("the block validation policy is malformed");
    }
  }

  private static List<Consenter> consenters(ChannelUpdateReview.Node node) {
    try {
      return Orderers.parseFrom(node.content()).getConsenterMappingList();
    } catch (InvalidProtocolBufferException e) {
      throw ConsenterReview.refuse("the BFT consenters are malformed");
    }
  }
}
