package org.regnet.node.service;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * The node's own check of a channel update before its organisation admin signs it: the update is
 * applied to the live channel configuration as Fabric's configtx would apply it, and the result
 * must differ from the live configuration in exactly one place: the group of the named MSP added
 * (ADMIT) or removed (WITHDRAW). This sees what the update alone cannot show, such as a member
 * removed by leaving it out of the read and write sets, and refuses an update computed from an
 * older configuration (stale) before anyone signs it. The added group must define that MSP itself,
 * without explicit admin certificates and with policies naming only its own roles. In the Orderer
 * group, the update may add or remove that MSP's own orderer and nothing else ({@link
 * ConsenterReview}).
 */
public final class ChannelUpdateReview {
  static final String APP = "/Channel/Application";

  private ChannelUpdateReview() {}

  /** Throws VALIDATION_FAILED unless {@code update} does exactly what {@code kind} says. */
  public static void check(String kind, String msp, byte[] liveConfig, byte[] update) {
    ConfigUpdate u;
    ConfigGroup live;
    try {
      u = ConfigUpdate.parseFrom(update);
      live = Config.parseFrom(liveConfig).getChannelGroup();
    } catch (InvalidProtocolBufferException e) {
      throw refuse("not a common.ConfigUpdate, or the live configuration is unreadable");
    }
    Map<String, Node> before = flatten(live);
    Map<String, Node> read = flatten(u.getReadSet());
    for (Map.Entry<String, Node> e : read.entrySet()) {
      Node now = before.get(e.getKey());
      if (now == null || now.version() != e.getValue().version()) {
        throw refuse("stale: " + e.getKey() + " changed since the update was computed");
      }
    }
    Map<String, Node> after = apply(before, read, u.getWriteSet());
    Set<String> changed = new TreeSet<>();
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    for (String p : paths) {
      Node b = before.get(p);
      Node a = after.get(p);
      if (b == null || a == null || !b.equals(a)) {
        changed.add(p);
      }
    }
    String org = APP + "/" + msp;
    boolean present = before.containsKey(org);
    boolean kept = after.containsKey(org);
    switch (kind) {
      case "ADMIT" -> {
        if (present || !kept) {
          throw refuse("must add the group " + msp + ", which must not exist yet");
        }
      }
      case "WITHDRAW" -> {
        if (!present || kept) {
          throw refuse("must remove the group " + msp + ", which must exist");
        }
      }
      default -> throw refuse(kind + " carries no channel update");
    }
    for (String p : changed) {
      if (!p.equals(APP)
          && !p.equals(org)
          && !p.startsWith(org + "/")
          && !p.startsWith(org + ":")
          && !ConsenterReview.allowed(p, msp)) {
        throw refuse("also changes " + p);
      }
    }
    if (kind.equals("ADMIT")) {
      requireOwnDefinition(
          msp, u.getWriteSet().getGroupsOrThrow("Application").getGroupsOrThrow(msp));
      ConfigGroup ordererOrg =
          u.getWriteSet()
              .getGroupsOrDefault("Orderer", ConfigGroup.getDefaultInstance())
              .getGroupsOrDefault(msp, null);
      if (ordererOrg != null) {
        requireOwnDefinition(msp, ordererOrg);
        if (!ordererOrg
            .getValuesOrThrow("MSP")
            .getValue()
            .equals(after.get(org + ":value:MSP").content())) {
          throw refuse("the orderer organisation " + msp + " defines another MSP");
        }
      }
    }
    // Its own orderer may come or go with it, and nothing else in the Orderer group.
    String mspValue = org + ":value:MSP";
    Node own = kind.equals("ADMIT") ? after.get(mspValue) : before.get(mspValue);
    ConsenterReview.check(kind, msp, before, after, changed, own);
  }

  /**
   * The added group defines {@code msp} itself: no explicit admin certificates (admins come from
   * the candidate's own NodeOUs), no sub-groups, and policies that name only {@code msp}'s roles.
   */
  private static void requireOwnDefinition(String msp, ConfigGroup g) {
    try {
      if (!g.getGroupsMap().isEmpty() || !g.containsValues("MSP")) {
        throw refuse("the group " + msp + " must hold its MSP and no groups");
      }
      FabricMSPConfig fabric =
          FabricMSPConfig.parseFrom(
              MSPConfig.parseFrom(g.getValuesOrThrow("MSP").getValue()).getConfig());
      if (!fabric.getName().equals(msp)) {
        throw refuse("the group " + msp + " defines the MSP " + fabric.getName());
      }
      if (fabric.getAdminsCount() > 0) {
        throw refuse("the MSP of " + msp + " lists admin certificates");
      }
      for (Map.Entry<String, ConfigPolicy> p : new TreeMap<>(g.getPoliciesMap()).entrySet()) {
        SignaturePolicyEnvelope env =
            SignaturePolicyEnvelope.parseFrom(p.getValue().getPolicy().getValue());
        for (MSPPrincipal principal : env.getIdentitiesList()) {
          if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE
              || !MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier().equals(msp)) {
            throw refuse("policy " + p.getKey() + " of " + msp + " names another identity");
          }
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw refuse("the definition of " + msp + " is malformed");
    }
  }

  /** One element without its children: version, and the bytes of its own content. */
  record Node(long version, String modPolicy, com.google.protobuf.ByteString content) {}

  static Map<String, Node> flatten(ConfigGroup root) {
    Map<String, Node> out = new TreeMap<>();
    add(out, "/Channel", root);
    return out;
  }

  private static void add(Map<String, Node> out, String path, ConfigGroup g) {
    out.put(path, new Node(g.getVersion(), g.getModPolicy(), null));
    g.getValuesMap()
        .forEach(
            (k, v) ->
                out.put(
                    path + ":value:" + k,
                    new Node(v.getVersion(), v.getModPolicy(), v.getValue())));
    g.getPoliciesMap()
        .forEach(
            (k, p) ->
                out.put(
                    path + ":policy:" + k,
                    new Node(p.getVersion(), p.getModPolicy(), bytes(p.getPolicy()))));
    g.getGroupsMap().forEach((k, child) -> add(out, path + "/" + k, child));
  }

  private static com.google.protobuf.ByteString bytes(Message m) {
    return m.toByteString();
  }

  /**
   * Fabric's rule: an element of the write set at another version than in the read set replaces the
   * live one; a group so replaced keeps exactly the children the write set lists (the others go,
   * with everything under them); elements at the read version stay as they are live.
   */
  private static Map<String, Node> apply(
      Map<String, Node> live, Map<String, Node> read, ConfigGroup writeRoot) {
    Map<String, Node> out = new TreeMap<>(live);
    applyGroup(out, live, read, "/Channel", writeRoot);
    return out;
  }

  private static void applyGroup(
      Map<String, Node> out,
      Map<String, Node> live,
      Map<String, Node> read,
      String path,
      ConfigGroup w) {
    Node r = read.get(path);
    boolean modified = r == null || r.version() != w.getVersion();
    if (modified) {
      out.put(path, new Node(w.getVersion(), w.getModPolicy(), null));
      // children not listed in the write set are removed, subtree and all
      for (String p : new TreeSet<>(live.keySet())) {
        String child = directChild(path, p);
        if (child != null && !listed(w, child)) {
          out.keySet()
              .removeIf(
                  k ->
                      k.equals(path + child)
                          || k.startsWith(path + child + "/")
                          || k.startsWith(path + child + ":"));
        }
      }
    }
    w.getValuesMap()
        .forEach(
            (k, v) -> {
              String p = path + ":value:" + k;
              Node rv = read.get(p);
              if (rv == null || rv.version() != v.getVersion()) {
                out.put(p, new Node(v.getVersion(), v.getModPolicy(), v.getValue()));
              }
            });
    w.getPoliciesMap()
        .forEach(
            (k, pol) -> {
              String p = path + ":policy:" + k;
              Node rp = read.get(p);
              if (rp == null || rp.version() != pol.getVersion()) {
                out.put(p, new Node(pol.getVersion(), pol.getModPolicy(), bytes(pol.getPolicy())));
              }
            });
    w.getGroupsMap().forEach((k, child) -> applyGroup(out, live, read, path + "/" + k, child));
  }

  /** The child key (with its separator) of {@code parent} that {@code path} is, or null. */
  private static String directChild(String parent, String path) {
    if (!path.startsWith(parent) || path.length() == parent.length()) {
      return null;
    }
    String rest = path.substring(parent.length());
    if (rest.startsWith("/")) {
      String name = rest.substring(1);
      return name.contains("/") || name.contains(":") ? null : "/" + name;
    }
    if (rest.startsWith(":value:") || rest.startsWith(":policy:")) {
      return rest;
    }
    return null;
  }

  private static boolean listed(ConfigGroup w, String child) {
    if (child.startsWith("/")) {
      return w.containsGroups(child.substring(1));
    }
    if (child.startsWith(":value:")) {
      return w.containsValues(child.substring(":value:".length()));
    }
    return w.containsPolicies(child.substring(":policy:".length()));
  }

  private static LedgerException refuse(String detail) {
    return new LedgerException("VALIDATION_FAILED", "channelUpdate: " + detail);
  }
}
