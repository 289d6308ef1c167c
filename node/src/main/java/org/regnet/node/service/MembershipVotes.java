package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Membership votes through the ledger. A change may carry the channel configuration update that
 * admits (or removes) an organisation; each member's node adds its organisation admin's signature
 * of it to its vote, so the signatures are gathered on chain with the quorum, and any member's node
 * can then submit the update to the ordering service. Before it signs, the node checks the update
 * against the live channel configuration ({@link ChannelUpdateReview}).
 */
public final class MembershipVotes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ledger ledger;
  private final ChannelSigning channelAdmin;

  /**
   * @param channelAdmin null when this node holds no organisation admin identity
   */
  public MembershipVotes(Ledger ledger, ChannelSigning channelAdmin) {
    this.ledger = ledger;
    this.channelAdmin = channelAdmin;
  }

  public JsonNode propose(String user, String treatyId, ObjectNode body) {
    ObjectNode arg = body.deepCopy();
    arg.put("treatyId", treatyId);
    if (arg.hasNonNull("channelUpdate") && channelAdmin != null) {
      byte[] update = decode(arg.get("channelUpdate").asText());
      review(user, arg.path("kind").asText(), arg.path("msp").asText(), update);
      arg.put("channelSignature", channelAdmin.sign(update));
    }
    return read(
        ledger.submit(user, "treaty:proposeMembershipChange", arg.toString(), Map.of(), List.of()));
  }

  public JsonNode approve(String user, String treatyId, String changeId) {
    ObjectNode arg = ref(treatyId, changeId);
    JsonNode update = channelUpdate(user, treatyId, changeId);
    JsonNode change =
        update == null || channelAdmin == null
            ? null
            : read(
                ledger.evaluate(
                    user, "treaty:getMembershipChange", arg.toString(), Map.of(), List.of()));
    // a vote on a change that is no longer pending is refused by the chaincode: nothing to sign
    if (change != null && change.path("status").asText().equals("PENDING")) {
      byte[] bytes = decode(update.get("update").asText());
      review(user, change.path("kind").asText(), change.path("msp").asText(), bytes);
      arg.put("channelSignature", channelAdmin.sign(bytes));
    }
    return read(
        ledger.submit(user, "treaty:approveMembershipChange", arg.toString(), Map.of(), List.of()));
  }

  /** Submits the change's channel update with every signature gathered so far. */
  public JsonNode submitChannelUpdate(String user, String treatyId, String changeId) {
    if (channelAdmin == null) {
      throw new LedgerException("ACCESS_DENIED", "this node holds no organisation admin identity");
    }
    JsonNode update = channelUpdate(user, treatyId, changeId);
    if (update == null) {
      throw new LedgerException("NOT_FOUND", "changeId: the change carries no channel update");
    }
    List<String> signatures = new ArrayList<>();
    List<String> signers = new ArrayList<>();
    update
        .get("signatures")
        .fields()
        .forEachRemaining(
            e -> {
              signers.add(e.getKey());
              signatures.add(e.getValue().asText());
            });
    String status = channelAdmin.submit(decode(update.get("update").asText()), signatures);
    ObjectNode out = JSON.createObjectNode().put("changeId", changeId).put("status", status);
    signers.forEach(out.putArray("signedBy")::add);
    return out;
  }

  /**
   * Before this organisation's admin signs: the update must do exactly what the change says against
   * the channel as it is now (the chaincode checked it against the change at proposal).
   */
  private void review(String user, String kind, String msp, byte[] update) {
    ChannelUpdateReview.check(kind, msp, ledger.channelConfig(user), update);
  }

  private JsonNode channelUpdate(String user, String treatyId, String changeId) {
    try {
      return read(
          ledger.evaluate(
              user,
              "treaty:getChannelUpdate",
              ref(treatyId, changeId).toString(),
              Map.of(),
              List.of()));
    } catch (LedgerException e) {
      if (e.code().equals("NOT_FOUND") && e.getMessage().contains("no channel update")) {
        return null;
      }
      throw e;
    }
  }

  private static ObjectNode ref(String treatyId, String changeId) {
    return JSON.createObjectNode().put("treatyId", treatyId).put("changeId", changeId);
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new LedgerException("VALIDATION_FAILED", "channelUpdate: not base64");
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new LedgerException("INTERNAL", "unreadable ledger answer");
    }
  }
}
