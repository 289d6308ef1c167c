package org.regnet.chaincode.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.ChannelUpdateSummary;

/**
 * Decodes the {@code common.ConfigUpdate} a membership change carries and accepts it only if it
 * changes exactly what the change says, judged as Fabric's configtx judges an update: an element is
 * changed when the write set holds it at another version than the read set (or the read set lacks
 * it).
 *
 * <ul>
 *   <li>ADMIT {@code msp}: the Application group goes up one version, keeps every group the read
 *       set names and gains exactly the group {@code msp} (new, version 0) with an MSP definition
 *       named {@code msp} and without explicit admin certificates, optional anchor peers, and
 *       policies that name only {@code msp}'s own roles. Nothing else changes.
 *   <li>WITHDRAW {@code msp}: the Application group goes up one version and keeps every group the
 *       read set names, none of which is {@code msp}. Nothing else changes.
 * </ul>
 *
 * Either may also add or remove, in the Orderer group, the authority's own orderer and consenter
 * ({@link OrdererChangeCheck}).
 *
 * <p>An update also removes what it leaves out of a changed group, which the update alone does not
 * show (the read set need not name it): the chaincode refuses leaving out any current member of the
 * treaty, and each node checks the update against the live channel configuration before it signs.
 */
public final class ConfigUpdateCheck {

  static final String APP = "/Channel/Application";
  private static final Set<String> ORG_VALUES = Set.of("MSP", "AnchorPeers");
  private static final Set<String> ORG_POLICIES =
      Set.of("Admins", "Readers", "Writers", "Endorsement");

  private ConfigUpdateCheck() {}

  /**
   * Verifies {@code bytes} for a change of {@code kind} on {@code msp}; returns its summary.
   *
   * @param mustKeep groups the update must keep (the treaty's other current members): a removal by
   *     omission of one of them is refused here, whatever the read set says
   */
  public static ChannelUpdateSummary verify(
      final ChangeKind kind,
      final String msp,
      final String channel,
      final byte[] bytes,
      final Set<String> mustKeep) {
    final ConfigUpdate u;
    try {
      u = ConfigUpdate.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw refuse("not a common.ConfigUpdate");
    }
    if (!u.getChannelId().equals(channel)) {
      throw refuse("is for channel '" + u.getChannelId() + "', not " + channel);
    }
    if (!u.getIsolatedDataMap().isEmpty()) {
      throw refuse("carries isolated data");
    }
    final ConfigTree read = new ConfigTree(u.getReadSet());
    final ConfigTree write = new ConfigTree(u.getWriteSet());
    final Map<String, ConfigTree.Element> delta = ConfigTree.delta(read, write);
    final ConfigGroup readApp = read.group(APP);
    final ConfigGroup writeApp = write.group(APP);
    if (readApp == null || writeApp == null || !delta.containsKey(APP)) {
      throw refuse("does not change the Application group's members");
    }
    if (writeApp.getVersion() != readApp.getVersion() + 1) {
      throw refuse("Application group version must go up by one");
    }
    if (!writeApp.getModPolicy().equals("Admins")) {
      throw refuse("changes the Application group's mod_policy");
    }
    final Set<String> before = new TreeSet<>(readApp.getGroupsMap().keySet());
    final Set<String> after = new TreeSet<>(writeApp.getGroupsMap().keySet());
    for (String g : before) {
      if (!after.contains(g)) {
        throw refuse("removes the group " + g);
      }
    }
    for (String g : new TreeSet<>(mustKeep)) {
      if (!g.equals(msp) && !after.contains(g)) {
        throw refuse("removes the member " + g);
      }
    }
    final String orgPath = APP + "/" + msp;
    for (String path : delta.keySet()) {
      final boolean allowed =
          path.equals(APP)
              || (kind == ChangeKind.ADMIT
                  && (path.equals(orgPath) || path.startsWith(orgPath + ":")))
              || OrdererChangeCheck.allowed(path, kind, msp);
      if (!allowed) {
        throw refuse("also changes " + path);
      }
    }
    final ChannelUpdateSummary s =
        switch (kind) {
          case ADMIT -> admit(msp, read, write, before, after, orgPath);
          case WITHDRAW -> remove(msp, before, after);
          default -> throw refuse(kind + " carries no channel update");
        };
    final ConfigGroup org = kind == ChangeKind.ADMIT ? write.group(orgPath) : null;
    final String orderer =
        OrdererChangeCheck.verify(
            kind, msp, read, write, delta, org == null ? null : org.getValuesOrThrow("MSP"));
    return orderer.isEmpty()
        ? s
        : new ChannelUpdateSummary(
            s.action(),
            s.group(),
            s.msp(),
            s.rootCaSha256(),
            s.anchorPeers(),
            s.keptGroups(),
            s.description() + orderer);
  }

  private static ChannelUpdateSummary admit(
      final String msp,
      final ConfigTree read,
      final ConfigTree write,
      final Set<String> before,
      final Set<String> after,
      final String orgPath) {
    final Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    if (!added.equals(Set.of(msp)) || read.get(orgPath) != null) {
      throw refuse("must add exactly the group " + msp + ", adds " + added);
    }
    final ConfigGroup org = write.group(orgPath);
    if (org.getVersion() != 0 || !org.getGroupsMap().isEmpty()) {
      throw refuse("the group " + msp + " must be new and hold no groups");
    }
    if (!org.getModPolicy().equals("Admins")) {
      throw refuse("the group " + msp + " must be modified by its own Admins");
    }
    if (!ORG_VALUES.containsAll(org.getValuesMap().keySet()) || !org.containsValues("MSP")) {
      throw refuse("the group " + msp + " may hold only MSP and AnchorPeers values");
    }
    if (!ORG_POLICIES.containsAll(org.getPoliciesMap().keySet())
        || !org.containsPolicies("Admins")) {
      throw refuse("the group " + msp + " may hold only its Admins/Readers/Writers/Endorsement");
    }
    for (Map.Entry<String, ConfigPolicy> p :
        new java.util.TreeMap<>(org.getPoliciesMap()).entrySet()) {
      requireOwnSignaturePolicy(msp, p.getKey(), p.getValue());
    }
    final List<String> fingerprints = rootCas(msp, org.getValuesOrThrow("MSP"));
    final List<String> anchors =
        org.containsValues("AnchorPeers")
            ? anchorPeers(org.getValuesOrThrow("AnchorPeers"))
            : List.of();
    return new ChannelUpdateSummary(
        "ADD",
        msp,
        msp,
        fingerprints,
        anchors,
        List.copyOf(before),
        "adds the organisation "
            + msp
            + " with root CA SHA-256 "
            + String.join(", ", fingerprints)
            + (anchors.isEmpty() ? "" : " and anchor peer " + String.join(", ", anchors))
            + "; keeps "
            + String.join(", ", before)
            + "; changes nothing else");
  }

  private static ChannelUpdateSummary remove(
      final String msp, final Set<String> before, final Set<String> after) {
    if (!after.equals(before)) {
      throw refuse("a removal may add no group");
    }
    if (before.contains(msp)) {
      throw refuse("keeps the group " + msp + " it should remove");
    }
    return new ChannelUpdateSummary(
        "REMOVE",
        msp,
        msp,
        List.of(),
        List.of(),
        List.copyOf(before),
        "removes the organisation "
            + msp
            + "; keeps "
            + String.join(", ", before)
            + "; changes nothing else (each node confirms against the live channel)");
  }

  /** A signature policy whose every principal is a role of {@code msp}. */
  static void requireOwnSignaturePolicy(final String msp, final String name, final ConfigPolicy p) {
    if (!p.getModPolicy().equals("Admins") || p.getVersion() != 0) {
      throw refuse("policy " + name + " of " + msp + " must be new and modified by its Admins");
    }
    final Policy policy = p.getPolicy();
    if (policy.getType() != Policy.PolicyType.SIGNATURE_VALUE) {
      throw refuse("policy " + name + " of " + msp + " must be a signature policy");
    }
    try {
      final SignaturePolicyEnvelope env = SignaturePolicyEnvelope.parseFrom(policy.getValue());
      if (env.getIdentitiesCount() == 0) {
        throw refuse("policy " + name + " of " + msp + " names nobody");
      }
      for (MSPPrincipal principal : env.getIdentitiesList()) {
        if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE
            || !MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier().equals(msp)) {
          throw refuse("policy " + name + " of " + msp + " names an identity outside " + msp);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw refuse("policy " + name + " of " + msp + " is malformed");
    }
  }

  /** The SHA-256 fingerprints of the MSP's root CAs; refuses explicit admin certificates. */
  private static List<String> rootCas(final String msp, final ConfigValue value) {
    try {
      final MSPConfig mspConfig = MSPConfig.parseFrom(value.getValue());
      if (mspConfig.getType() != 0) {
        throw refuse("the MSP of " + msp + " must be a Fabric (X.509) MSP");
      }
      final FabricMSPConfig fabric = FabricMSPConfig.parseFrom(mspConfig.getConfig());
      if (!fabric.getName().equals(msp)) {
        throw refuse("the group " + msp + " defines the MSP " + fabric.getName());
      }
      if (fabric.getAdminsCount() > 0) {
        throw refuse("the MSP of " + msp + " lists admin certificates (admins come from NodeOUs)");
      }
      if (fabric.getRootCertsCount() == 0) {
        throw refuse("the MSP of " + msp + " has no root CA");
      }
      final CertificateFactory cf = CertificateFactory.getInstance("X.509");
      final List<String> out = new ArrayList<>();
      for (var pem : fabric.getRootCertsList()) {
        final X509Certificate c =
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(pem.toByteArray()));
        out.add(fingerprint(c.getEncoded()));
      }
      return out;
    } catch (InvalidProtocolBufferException | CertificateException e) {
      throw refuse("the MSP definition of " + msp + " is malformed");
    }
  }

  private static List<String> anchorPeers(final ConfigValue value) {
    try {
      final List<String> out = new ArrayList<>();
      for (AnchorPeer a : AnchorPeers.parseFrom(value.getValue()).getAnchorPeersList()) {
        out.add(a.getHost() + ":" + a.getPort());
      }
      return out;
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the anchor peers are malformed");
    }
  }

  /** SHA-256, upper-case hex pairs joined by colons, as openssl prints it. */
  static String fingerprint(final byte[] der) {
    try {
      final String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
      final StringBuilder s = new StringBuilder();
      for (int i = 0; i < hex.length(); i += 2) {
        s.append(i == 0 ? "" : ":").append(hex, i, i + 2);
      }
      return s.toString().toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RuntimeException refuse(final String detail) {
    return ErrorCode.VALIDATION_FAILED.exception("channelUpdate", detail);
  }
}
