package org.regnet.node.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.regnet.node.service.Ledger;

/**
 * Custody through the chaincode's {@code evidence:pin} and {@code evidence:receive}, endorsed by
 * both parties' peers. The details go in the transient map only ({@code evidence}); the argument is
 * {@code {}}, so nothing of them reaches the blocks.
 */
public final class LedgerCustody implements Custody, CaseParties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ledger ledger;
  private final String receiptUser;

  /** {@code receiptUser}: the node's user (a case officer) who records receipts. */
  public LedgerCustody(Ledger ledger, String receiptUser) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.receiptUser = Objects.requireNonNull(receiptUser, "receiptUser");
  }

  @Override
  public void pin(String username, DocumentMeta meta) {
    ledger.submit(username, "evidence:pin", "{}", opening(meta), parties(meta));
  }

  @Override
  public void receive(DocumentMeta meta) {
    ledger.submit(receiptUser, "evidence:receive", "{}", opening(meta), parties(meta));
  }

  /**
   * The parties of a referral (originator, recipient) or of a request for assistance (requester,
   * requested), read from the ledger as the receipt user.
   */
  @Override
  public boolean parties(CaseRef caseRef, String sender, String receiver) {
    boolean referral = caseRef.kind().equals("referral");
    try {
      var r =
          JSON.readTree(
              ledger.evaluate(
                  receiptUser,
                  referral ? "referral:get" : "assistance:get",
                  JSON.writeValueAsString(
                      Map.of(referral ? "referralId" : "requestId", caseRef.id())),
                  Map.of(),
                  List.of()));
      String one = r.path(referral ? "originator" : "requester").asText();
      String other = r.path(referral ? "recipient" : "requested").asText();
      return (one.equals(sender) && other.equals(receiver))
          || (one.equals(receiver) && other.equals(sender));
    } catch (RuntimeException | java.io.IOException e) {
      return false; // unknown to this authority, or the ledger unreachable: refuse
    }
  }

  /** The transient entry {@code evidence} for a document. */
  static Map<String, byte[]> opening(DocumentMeta meta) {
    ObjectNode o = JSON.createObjectNode();
    o.put("documentId", meta.documentId());
    o.put("caseRef", meta.caseRef().toString());
    o.put("sender", meta.sender());
    o.put("receiver", meta.receiver());
    o.put("sha256", meta.sha256());
    o.put("size", meta.size());
    o.put("salt", meta.salt());
    try {
      return Map.of("evidence", JSON.writeValueAsBytes(o));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> parties(DocumentMeta meta) {
    return List.of(meta.sender(), meta.receiver());
  }
}
