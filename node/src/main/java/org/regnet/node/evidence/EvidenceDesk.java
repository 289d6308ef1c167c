package org.regnet.node.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;

/**
 * The evidence use cases behind the routes: a case's documents with their custody, sending a stored
 * document to the counterparty (pin, then transfer, resumable), and recording receipt of a verified
 * one. Knows neither Netty nor Fabric types.
 */
public final class EvidenceDesk {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EvidenceStore store;
  private final Ledger ledger;
  private final String self;
  private final EvidenceSender sender;
  private final Map<String, URI> endpoints;

  /** {@code endpoints}: each counterparty authority's evidence port, by MSP id. */
  public EvidenceDesk(
      EvidenceStore store,
      Ledger ledger,
      String self,
      EvidenceSender sender,
      Map<String, URI> endpoints) {
    this.store = Objects.requireNonNull(store, "store");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.self = Objects.requireNonNull(self, "self");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.endpoints = Map.copyOf(endpoints);
  }

  /**
   * The case's documents in this node's store, each with its custody record if the ledger has one.
   */
  public ObjectNode list(String username, CaseRef caseRef) {
    ArrayNode items = JSON.createArrayNode();
    for (DocumentMeta m : store.byCase(caseRef)) {
      ObjectNode item = describe(m);
      item.set("custody", custody(username, m));
      items.add(item);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("caseRef", caseRef.toString());
    out.set("items", items);
    return out;
  }

  /**
   * Sends a document this node holds to its receiver: pins it (unless already pinned, when a
   * transfer is resumed), then streams it from the received offset.
   */
  public ObjectNode send(String username, String documentId) {
    DocumentMeta m = store.meta(documentId);
    store.refuseIfDeleted(documentId);
    if (!m.sender().equals(self) || !store.accepted(documentId)) {
      throw new EvidenceException(
          EvidenceException.Code.UNKNOWN_DOCUMENT, "not a complete document of this authority");
    }
    URI endpoint = endpoints.get(m.receiver());
    if (endpoint == null) {
      throw new EvidenceException(
          EvidenceException.Code.NOT_A_PARTY, "no evidence endpoint for " + m.receiver());
    }
    if (custody(username, m).isNull()) {
      ledger.submit(username, "evidence:pin", "{}", LedgerCustody.opening(m), parties(m));
    }
    EvidenceSender.Result r = sender.send(endpoint, documentId);
    ObjectNode out = describe(m);
    out.put("resumedFrom", r.resumedFrom());
    out.put("delivered", r.accepted());
    return out;
  }

  /** Records on the ledger, as {@code username}, receipt of a document this node verified. */
  public ObjectNode recordReceipt(String username, String documentId) {
    DocumentMeta m = store.meta(documentId);
    store.refuseIfDeleted(documentId);
    if (!m.receiver().equals(self) || !store.accepted(documentId)) {
      throw new EvidenceException(
          EvidenceException.Code.UNKNOWN_DOCUMENT, "not a verified document for this authority");
    }
    ledger.submit(username, "evidence:receive", "{}", LedgerCustody.opening(m), parties(m));
    ObjectNode out = describe(m);
    out.set("custody", custody(username, m));
    return out;
  }

  private JsonNode custody(String username, DocumentMeta m) {
    try {
      JsonNode view =
          JSON.readTree(
              ledger.evaluate(username, "evidence:get", "{}", LedgerCustody.opening(m), List.of()));
      return view.path("custody");
    } catch (LedgerException e) {
      if (e.code().equals("NOT_FOUND")) {
        return JSON.nullNode();
      }
      throw e;
    } catch (java.io.IOException e) {
      throw new LedgerException("INTERNAL", "unreadable custody record");
    }
  }

  private ObjectNode describe(DocumentMeta m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("documentId", m.documentId());
    o.put("caseRef", m.caseRef().toString());
    o.put("sender", m.sender());
    o.put("receiver", m.receiver());
    o.put("sha256", m.sha256());
    o.put("size", m.size());
    o.put("verified", store.accepted(m.documentId()));
    // the deletion record: content gone at the case's retention end, description kept
    store.deletedAt(m.documentId()).ifPresent(at -> o.put("deletedAt", at.toString()));
    return o;
  }

  private static List<String> parties(DocumentMeta m) {
    return List.of(m.sender(), m.receiver());
  }
}
