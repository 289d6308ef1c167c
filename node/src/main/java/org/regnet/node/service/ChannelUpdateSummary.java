package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;

/**
 * A membership change in words, for the admins who approve it: what the treaty change does, the
 * approvals so far, and what the carried channel configuration update changes, decoded from its
 * {@code common.ConfigUpdate} (organisations added to, removed from or modified in the channel's
 * application and orderer groups, channel-level values and policies touched), with the signatures
 * gathered. Approving signs exactly these bytes, so the summary is of those bytes.
 */
public final class ChannelUpdateSummary {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ledger ledger;

  public ChannelUpdateSummary(Ledger ledger) {
    this.ledger = ledger;
  }

  public ObjectNode summarise(String username, String treatyId, String changeId) {
    String ref =
        JSON.createObjectNode().put("treatyId", treatyId).put("changeId", changeId).toString();
    JsonNode change =
        read(ledger.evaluate(username, "treaty:getMembershipChange", ref, Map.of(), List.of()));
    ObjectNode out = JSON.createObjectNode();
    out.set("change", change);
    ArrayNode lines = out.putArray("summary");
    String verb =
        switch (change.path("kind").asText()) {
          case "ADMIT" -> "admit";
          case "SUSPEND" -> "suspend";
          case "REINSTATE" -> "reinstate";
          case "WITHDRAW" -> "withdraw";
          default -> change.path("kind").asText().toLowerCase(java.util.Locale.ROOT);
        };
    String jurisdiction = change.path("jurisdiction").asText("");
    lines.add(
        change.path("proposedBy").asText()
            + " proposes to "
            + verb
            + " "
            + change.path("msp").asText()
            + (jurisdiction.isEmpty() ? "" : " (" + jurisdiction + ")")
            + " in treaty "
            + treatyId
            + ".");
    lines.add(
        "Approvals: "
            + change.path("approvals").size()
            + " of "
            + change.path("requiredApprovals").asInt()
            + " required"
            + (change.path("approvals").isEmpty()
                ? ""
                : " (" + String.join(", ", names(change.path("approvals"))) + ")")
            + "; status "
            + change.path("status").asText()
            + ".");
    JsonNode update;
    try {
      update = read(ledger.evaluate(username, "treaty:getChannelUpdate", ref, Map.of(), List.of()));
    } catch (LedgerException e) {
      if (!e.code().equals("NOT_FOUND")) {
        throw e;
      }
      lines.add("It carries no channel update: only the treaty's membership changes.");
      return out;
    }
    String b64 = update.path("update").asText("");
    if (b64.isEmpty()) {
      lines.add("It carries no channel update: only the treaty's membership changes.");
      return out;
    }
    try {
      ConfigUpdate cu = ConfigUpdate.parseFrom(Base64.getDecoder().decode(b64));
      lines.add(
          "It carries a configuration update of channel "
              + cu.getChannelId()
              + " (SHA-256 "
              + update.path("updateHash").asText()
              + "):");
      describeOrgs(lines, cu, "Application", "the channel's member organisations");
      describeOrgs(lines, cu, "Orderer", "the ordering service's organisations");
      TreeSet<String> values = new TreeSet<>(cu.getWriteSet().getValuesMap().keySet());
      values.removeIf(
          v ->
              sameVersion(
                  cu.getReadSet().getValuesMap().get(v), cu.getWriteSet().getValuesMap().get(v)));
      if (!values.isEmpty()) {
        lines.add("  changes channel values: " + String.join(", ", values) + ".");
      }
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      lines.add("Its channel update could not be decoded; do not approve it.");
    }
    List<String> signed =
        names(
            update.path("signatures").isObject()
                ? fieldNames(update.path("signatures"))
                : JSON.createArrayNode());
    lines.add(
        "Member admins' signatures gathered: "
            + (signed.isEmpty() ? "none" : String.join(", ", signed))
            + ". Approving adds your organisation admin's signature of exactly this update.");
    return out;
  }

  private static void describeOrgs(ArrayNode lines, ConfigUpdate cu, String group, String what) {
    ConfigGroup write = cu.getWriteSet().getGroupsMap().get(group);
    if (write == null) {
      return;
    }
    ConfigGroup read = cu.getReadSet().getGroupsMap().get(group);
    Map<String, ConfigGroup> before = read == null ? Map.of() : read.getGroupsMap();
    Map<String, ConfigGroup> after = write.getGroupsMap();
    boolean groupChanged = read == null || write.getVersion() > read.getVersion();
    for (String org : new TreeSet<>(after.keySet())) {
      if (!before.containsKey(org)) {
        lines.add("  adds the organisation " + org + " to " + what + ";");
      } else if (after.get(org).getVersion() > before.get(org).getVersion()) {
        lines.add("  modifies the organisation " + org + " in " + what + ";");
      }
    }
    if (groupChanged) {
      for (String org : new TreeSet<>(before.keySet())) {
        if (!after.containsKey(org)) {
          lines.add("  removes the organisation " + org + " from " + what + ";");
        }
      }
    }
  }

  private static boolean sameVersion(
      org.hyperledger.fabric.protos.common.ConfigValue a,
      org.hyperledger.fabric.protos.common.ConfigValue b) {
    return a != null && b != null && a.getVersion() == b.getVersion();
  }

  private static ArrayNode fieldNames(JsonNode object) {
    ArrayNode a = JSON.createArrayNode();
    object.fieldNames().forEachRemaining(a::add);
    return a;
  }

  private static List<String> names(JsonNode array) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
