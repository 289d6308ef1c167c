package org.regnet.chaincode.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.ChangeKind;

/**
 * The Orderer-group half of {@link ConfigUpdateCheck}. Every authority runs its own orderer, so an
 * admission may add, in the same update, the candidate's organisation to the Orderer group and its
 * orderer as a consenter (Raft here, BFT in {@link BftConsenterCheck}); a withdrawal may remove
 * them. What the update alone shows is checked here: the Orderer group gains exactly the
 * candidate's organisation (its MSP the same as in the Application group, policies naming only its
 * roles, its orderer endpoints) and loses none; the consensus stays Raft in its normal state;
 * exactly one new consenter carries TLS certificates of the candidate's own TLS CA, and as many
 * consenters remain as orderer organisations (one orderer per member). Which consenters were there
 * before the update does not show, so each node confirms against the live channel that no other
 * consenter is added, swapped or removed.
 */
final class OrdererChangeCheck {
  static final String ORDERER = "/Channel/Orderer";
  static final String CONSENSUS = ORDERER + ":value:ConsensusType";
  private static final Set<String> ORG_VALUES = Set.of("MSP", "Endpoints");
  private static final Set<String> ORG_POLICIES = Set.of("Admins", "Readers", "Writers");

  private OrdererChangeCheck() {}

  /**
   * Whether a change of {@code kind} on {@code msp} may touch {@code path} in the Orderer group.
   */
  static boolean allowed(final String path, final ChangeKind kind, final String msp) {
    final String org = ORDERER + "/" + msp;
    return path.equals(ORDERER)
        || path.equals(CONSENSUS)
        || path.equals(BftConsenterCheck.ORDERERS)
        || path.equals(BftConsenterCheck.BLOCK_VALIDATION)
        || (kind == ChangeKind.ADMIT && (path.equals(org) || path.startsWith(org + ":")));
  }

  /**
   * Checks the Orderer-group part of the update; returns what it does, for the summary ("" when it
   * leaves the Orderer group alone: an authority admitted without an orderer).
   */
  static String verify(
      final ChangeKind kind,
      final String msp,
      final ConfigTree read,
      final ConfigTree write,
      final Map<String, ConfigTree.Element> delta,
      final ConfigValue applicationMsp) {
    if (delta.keySet().stream().noneMatch(p -> p.startsWith(ORDERER))) {
      return "";
    }
    final ConfigGroup r = read.group(ORDERER);
    final ConfigGroup w = write.group(ORDERER);
    if (r == null || w == null || !delta.containsKey(ORDERER)) {
      throw refuse("changes the consenters without changing the orderer organisations");
    }
    if (w.getVersion() != r.getVersion() + 1 || !w.getModPolicy().equals("Admins")) {
      throw refuse("the Orderer group must go up one version, modified by its Admins");
    }
    final Set<String> before = new TreeSet<>(r.getGroupsMap().keySet());
    final Set<String> after = new TreeSet<>(w.getGroupsMap().keySet());
    for (String g : before) {
      if (!after.contains(g)) {
        throw refuse("removes the orderer organisation " + g);
      }
    }
    final Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    final Set<String> expected = kind == ChangeKind.ADMIT ? Set.of(msp) : Set.of();
    if (!added.equals(expected) || before.contains(msp)) {
      throw refuse(
          "the Orderer group must "
              + (kind == ChangeKind.ADMIT ? "gain exactly " + msp : "lose " + msp)
              + ", gains "
              + added);
    }
    if (BftConsenterCheck.touches(delta.keySet())) {
      return BftConsenterCheck.verify(
          kind,
          msp,
          write,
          delta.keySet(),
          after,
          kind == ChangeKind.ADMIT
              ? requireOrdererOrg(msp, write.group(ORDERER + "/" + msp), applicationMsp)
              : null);
    }
    if (!delta.containsKey(CONSENSUS)) {
      throw refuse("changes the orderer organisations but not the consenters");
    }
    final ConfigMetadata raft = raft(write.get(CONSENSUS));
    // Each member runs one orderer: as many consenters as orderer organisations remain, so a
    // member's consenter cannot go missing; which one is whose, each node confirms.
    if (raft.getConsentersCount() != after.size()) {
      throw refuse(
          "leaves "
              + raft.getConsentersCount()
              + " consenters for "
              + after.size()
              + " orderer organisations (one orderer each)");
    }
    if (kind == ChangeKind.WITHDRAW) {
      return "; removes its orderer from the orderer organisations and the "
          + raft.getConsentersCount()
          + " remaining consenters (each node confirms against the live channel)";
    }
    final ConfigGroup org = write.group(ORDERER + "/" + msp);
    final FabricMSPConfig fabric = requireOrdererOrg(msp, org, applicationMsp);
    final List<Consenter> own = new ArrayList<>();
    for (Consenter c : raft.getConsentersList()) {
      if (issuedBy(tlsCas(fabric), c.getClientTlsCert())
          && issuedBy(tlsCas(fabric), c.getServerTlsCert())) {
        own.add(c);
      }
    }
    if (own.size() != 1) {
      throw refuse(
          "must add exactly one consenter of " + msp + "'s own orderer, has " + own.size());
    }
    return "; adds its orderer as Raft consenter "
        + own.get(0).getHost()
        + ":"
        + own.get(0).getPort();
  }

  /** The candidate's Orderer-group organisation: new, its own MSP and roles, its endpoints. */
  private static FabricMSPConfig requireOrdererOrg(
      final String msp, final ConfigGroup org, final ConfigValue applicationMsp) {
    if (org.getVersion() != 0 || !org.getGroupsMap().isEmpty()) {
      throw refuse("the orderer organisation " + msp + " must be new and hold no groups");
    }
    if (!org.getModPolicy().equals("Admins")) {
      throw refuse("the orderer organisation " + msp + " must be modified by its own Admins");
    }
    if (!ORG_VALUES.containsAll(org.getValuesMap().keySet())
        || !org.containsValues("MSP")
        || !org.containsValues("Endpoints")) {
      throw refuse("the orderer organisation " + msp + " may hold only its MSP and Endpoints");
    }
    if (applicationMsp == null
        || !org.getValuesOrThrow("MSP").getValue().equals(applicationMsp.getValue())) {
      throw refuse("the orderer organisation " + msp + " defines another MSP than its peers'");
    }
    if (!ORG_POLICIES.containsAll(org.getPoliciesMap().keySet())
        || !org.containsPolicies("Admins")) {
      throw refuse("the orderer organisation " + msp + " may hold only Admins/Readers/Writers");
    }
    for (Map.Entry<String, ConfigPolicy> p : new TreeMap<>(org.getPoliciesMap()).entrySet()) {
      ConfigUpdateCheck.requireOwnSignaturePolicy(msp, p.getKey(), p.getValue());
    }
    try {
      return FabricMSPConfig.parseFrom(
          MSPConfig.parseFrom(org.getValuesOrThrow("MSP").getValue()).getConfig());
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the MSP definition of " + msp + " is malformed");
    }
  }

  private static ConfigMetadata raft(final ConfigTree.Element consensus) {
    try {
      final ConsensusType t = ConsensusType.parseFrom(((ConfigValue) consensus.proto()).getValue());
      if (!t.getType().equals("etcdraft")) {
        throw refuse("changes the consenters of a " + t.getType() + " channel (only Raft's)");
      }
      if (t.getState() != ConsensusType.State.STATE_NORMAL) {
        throw refuse("changes the consensus state");
      }
      return ConfigMetadata.parseFrom(t.getMetadata());
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the consensus type is malformed");
    }
  }

  /** The MSP's TLS root and intermediate CAs. */
  static List<ByteString> tlsCas(final FabricMSPConfig msp) {
    final List<ByteString> cas = new ArrayList<>(msp.getTlsRootCertsList());
    cas.addAll(msp.getTlsIntermediateCertsList());
    return cas;
  }

  /** Whether one of the PEM CA certificates {@code cas} signed the PEM certificate. */
  static boolean issuedBy(final List<ByteString> cas, final ByteString pem) {
    try {
      final CertificateFactory cf = CertificateFactory.getInstance("X.509");
      final X509Certificate cert =
          (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(pem.toByteArray()));
      for (ByteString ca : cas) {
        final X509Certificate issuer =
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(ca.toByteArray()));
        try {
          cert.verify(issuer.getPublicKey());
          return true;
        } catch (GeneralSecurityException notThisOne) {
          // the next CA, if any
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static RuntimeException refuse(final String detail) {
    return ErrorCode.VALIDATION_FAILED.exception("channelUpdate", detail);
  }
}
