package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a request for assistance as an ISO 20022 auth.001.001.02 InformationRequestOpening
 * (docs/api.md, "ISO 20022 auth.001"): the investigation id, legal mandate basis, confidentiality
 * status, due date and investigation period in the message's own elements and order; the search
 * criteria as the first person concerned (CstmrId/Pty/Nm); everything auth.001 has no element for
 * (the items asked for, facts, purpose, provisions, urgency) in the supplementary data envelope
 * under regnet's own namespace. Not validated against the XSD here: the search criteria carry only
 * the party name, without the AuthrtyReq an XSD-valid CstmrId also needs.
 */
public final class Auth001 {
  public static final String NS = "urn:iso:std:iso:20022:tech:xsd:auth.001.001.02";
  public static final String REGNET_NS = "urn:regnet:assistance:1";

  private Auth001() {}

  /** {@code content} is the answer of {@code assistance:content}: request and payload. */
  public static String render(JsonNode content) {
    JsonNode r = content.path("request");
    JsonNode p = content.path("payload");
    if (r.path("unsolicited").asBoolean(false)) {
      // auth.001 opens an information request; unsolicited information answers none (0031)
      throw new LedgerException(
          "INVALID_STATE", "unsolicited information is not a request: no auth.001 export");
    }
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("Document");
      w.writeDefaultNamespace(NS);
      w.writeStartElement("InfReqOpng");
      text(w, "InvstgtnId", r.path("requestId").asText());
      w.writeStartElement("LglMndtBsis");
      text(w, "Prgrph", p.path("legalMandate").path("paragraph").asText());
      if (p.path("legalMandate").hasNonNull("disclaimer")) {
        text(w, "Dsclmr", p.path("legalMandate").path("disclaimer").asText());
      }
      w.writeEndElement();
      text(w, "CnfdtltySts", String.valueOf(p.path("confidential").asBoolean()));
      w.writeStartElement("DueDt");
      text(w, "DueDt", r.path("replyDueAt").asText().substring(0, 10));
      text(w, "AddtlInf", "urgency " + r.path("urgency").asText());
      w.writeEndElement();
      w.writeStartElement("InvstgtnPrd");
      w.writeStartElement("Dt");
      text(w, "FrDt", p.path("investigationPeriod").path("from").asText());
      text(w, "ToDt", p.path("investigationPeriod").path("to").asText());
      w.writeEndElement();
      w.writeEndElement();
      w.writeStartElement("SchCrit");
      w.writeStartElement("CstmrId");
      w.writeStartElement("Pty");
      text(w, "Nm", firstName(p));
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      supplementary(w, r, p);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new LedgerException("INTERNAL", "auth.001 rendering failed");
    }
    return out.toString();
  }

  private static void supplementary(XMLStreamWriter w, JsonNode r, JsonNode p)
      throws XMLStreamException {
    w.writeStartElement("SplmtryData");
    text(w, "PlcAndNm", "regnet request for assistance");
    w.writeStartElement("Envlp");
    w.writeStartElement("rfa", "Request", REGNET_NS);
    w.writeNamespace("rfa", REGNET_NS);
    rfa(w, "Requester", r.path("requester").asText());
    rfa(w, "Requested", r.path("requested").asText());
    rfa(w, "Urgency", r.path("urgency").asText());
    if (p.hasNonNull("urgencyReasons")) {
      rfa(w, "UrgencyReasons", p.path("urgencyReasons").asText());
    }
    rfa(w, "Facts", p.path("facts").asText());
    rfa(w, "Purpose", p.path("purpose").asText());
    for (JsonNode prov : p.path("provisionsBreached")) {
      rfa(w, "Provision", prov.asText());
    }
    int n = 1;
    for (JsonNode it : p.path("items")) {
      w.writeStartElement("rfa", "Item", REGNET_NS);
      w.writeAttribute("no", String.valueOf(n++));
      w.writeAttribute("type", it.path("type").asText());
      w.writeCharacters(it.path("description").asText());
      w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
  }

  private static String firstName(JsonNode p) {
    if (p.path("subjects").size() > 0) {
      return p.path("subjects").path(0).path("name").asText();
    }
    if (p.path("accounts").size() > 0) {
      return p.path("accounts").path(0).path("accountId").asText();
    }
    return p.path("wallets").path(0).path("address").asText();
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  private static void rfa(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement("rfa", name, REGNET_NS);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
