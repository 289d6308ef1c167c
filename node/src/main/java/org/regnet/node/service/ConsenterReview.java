package org.regnet.node.service;

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
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Consenter;

/**
 * The Orderer-group half of {@link ChannelUpdateReview}: every authority runs its own orderer, so
 * admitting one may add, and withdrawing one must remove, exactly that authority's orderer. The
 * result of the update may differ from the live channel, in the Orderer group, only by the group of
 * the named MSP (added or removed) and by one Raft consenter whose TLS certificates that MSP's own
 * TLS CA issued; the other consenters, the Raft options and the consensus state stay as they are.
 * So neither another member's consenter removed nor a foreign consenter added gets a signature. A
 * BFT channel's consenters are reviewed alike by {@link BftConsenterReview}.
 */
final class ConsenterReview {
  static final String ORDERER = "/Channel/Orderer";
  static final String CONSENSUS = ORDERER + ":value:ConsensusType";

  private ConsenterReview() {}

  /** Whether {@code path} is one an update about {@code msp} may change in the Orderer group. */
  static boolean allowed(String path, String msp) {
    String org = ORDERER + "/" + msp;
    return path.equals(ORDERER)
        || path.equals(CONSENSUS)
        || path.equals(BftConsenterReview.ORDERERS)
        || path.equals(BftConsenterReview.BLOCK_VALIDATION)
        || path.equals(org)
        || path.startsWith(org + "/")
        || path.startsWith(org + ":");
  }

  /**
   * Checks the Orderer-group change of an update whose changed paths are {@code changed} (already
   * limited to {@link #allowed} ones); nothing to check when it leaves the Orderer group alone.
   */
  static void check(
      String kind,
      String msp,
      Map<String, ChannelUpdateReview.Node> before,
      Map<String, ChannelUpdateReview.Node> after,
      Set<String> changed,
      ChannelUpdateReview.Node ownMspValue) {
    if (changed.stream().noneMatch(p -> p.startsWith(ORDERER))) {
      return;
    }
    if (ownMspValue == null) {
      throw refuse("the group " + msp + " has no MSP to identify its orderer by");
    }
    FabricMSPConfig ownMsp = msp(ownMspValue);
    String org = ORDERER + "/" + msp;
    boolean present = before.containsKey(org);
    boolean kept = after.containsKey(org);
    if (kind.equals("ADMIT") && (present || !kept)) {
      throw refuse("must add the orderer organisation " + msp + ", which must not exist yet");
    }
    if (kind.equals("WITHDRAW") && (!present || kept)) {
      throw refuse("must remove the orderer organisation " + msp + ", which must exist");
    }
    ConsensusType was = consensus(before.get(CONSENSUS));
    if (was.getType().equals("BFT")) {
      BftConsenterReview.check(kind, msp, before, after, changed, ownMsp);
      return;
    }
    if (changed.contains(BftConsenterReview.ORDERERS)
        || changed.contains(BftConsenterReview.BLOCK_VALIDATION)) {
      throw refuse("changes the BFT consenters or the block validation policy of a Raft channel");
    }
    if (!changed.contains(CONSENSUS)) {
      throw refuse("changes the orderer organisation " + msp + " but not its consenter");
    }
    ConsensusType now = consensus(after.get(CONSENSUS));
    if (!was.getType().equals("etcdraft") || !now.getType().equals("etcdraft")) {
      throw refuse("changes the consenters of a " + was.getType() + " channel (only Raft's)");
    }
    if (was.getState() != now.getState()) {
      throw refuse("changes the consensus state");
    }
    ConfigMetadata m0 = metadata(was);
    ConfigMetadata m1 = metadata(now);
    if (!m0.getOptions().equals(m1.getOptions())) {
      throw refuse("changes the Raft options");
    }
    List<Consenter> added = new ArrayList<>(m1.getConsentersList());
    added.removeAll(m0.getConsentersList());
    List<Consenter> removed = new ArrayList<>(m0.getConsentersList());
    removed.removeAll(m1.getConsentersList());
    List<Consenter> expected = kind.equals("ADMIT") ? added : removed;
    List<Consenter> other = kind.equals("ADMIT") ? removed : added;
    if (!other.isEmpty()) {
      throw refuse(
          (kind.equals("ADMIT") ? "removes the consenter " : "adds the consenter ")
              + endpoint(other.get(0)));
    }
    if (expected.size() != 1) {
      throw refuse(
          (kind.equals("ADMIT") ? "must add" : "must remove")
              + " exactly one consenter, that of "
              + msp
              + "; "
              + expected.size()
              + " changed");
    }
    Consenter c = expected.get(0);
    if (!issuedBy(tlsCas(ownMsp), c.getClientTlsCert())
        || !issuedBy(tlsCas(ownMsp), c.getServerTlsCert())) {
      throw refuse("the consenter " + endpoint(c) + " is not " + msp + "'s own orderer");
    }
  }

  /** The MSP definition held in {@code node} (an MSP value's content). */
  static FabricMSPConfig msp(ChannelUpdateReview.Node node) {
    try {
      return FabricMSPConfig.parseFrom(MSPConfig.parseFrom(node.content()).getConfig());
    } catch (InvalidProtocolBufferException e) {
      throw refuse("an MSP definition is malformed");
    }
  }

  /** {@code msp}'s TLS root and intermediate CAs. */
  static List<ByteString> tlsCas(FabricMSPConfig msp) {
    List<ByteString> cas = new ArrayList<>(msp.getTlsRootCertsList());
    cas.addAll(msp.getTlsIntermediateCertsList());
    return cas;
  }

  /** Whether one of the PEM CA certificates {@code cas} signed the PEM certificate. */
  static boolean issuedBy(List<ByteString> cas, ByteString pem) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      X509Certificate cert =
          (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(pem.toByteArray()));
      for (ByteString ca : cas) {
        X509Certificate issuer =
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(ca.toByteArray()));
        try {
          cert.verify(issuer.getPublicKey());
          return true;
        } catch (GeneralSecurityException notThisOne) {
          // try the next CA
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static ConsensusType consensus(ChannelUpdateReview.Node node) {
    try {
      return ConsensusType.parseFrom(node.content());
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the consensus type is malformed");
    }
  }

  private static ConfigMetadata metadata(ConsensusType type) {
    try {
      return ConfigMetadata.parseFrom(type.getMetadata());
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the Raft metadata is malformed");
    }
  }

  private static String endpoint(Consenter c) {
    return c.getHost() + ":" + c.getPort();
  }

  static LedgerException refuse(String detail) {
    return new LedgerException("VALIDATION_FAILED", "channelUpdate: " + detail);
  }
}
