package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class Auth001Test {

  /** A request as the export reads it; Auth001ModelTest reads the same one. */
  static final String CONTENT =
      """
      {"request":{"requestId":"RFA-0123456789abcdef","requester":"AlpineMSP",
        "requested":"HarbourMSP","urgency":"URGENT","replyDueAt":"2025-03-04T09:00:01Z"},
       "payload":{"items":[{"type":"BANK_RECORDS","description":"Statements <2024>"}],
        "facts":"Spoofing & layering","purpose":"Identify the owner",
        "provisionsBreached":["MAR Art. 12"],"subjects":[{"name":"Jane Trader"}],
        "legalMandate":{"paragraph":"MMoU para 7(b)","disclaimer":"Enforcement only"},
        "confidential":true,"investigationPeriod":{"from":"2024-01-01","to":"2024-06-30"},
        "urgencyReasons":"Funds leaving"}}""";

  private static Document parse() throws Exception {
    JsonNode content = new ObjectMapper().readTree(CONTENT);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(Auth001.render(content).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void the_message_elements_come_in_auth001_order_in_its_namespace() throws Exception {
    Element opening = (Element) parse().getElementsByTagNameNS(Auth001.NS, "InfReqOpng").item(0);
    List<String> children = new ArrayList<>();
    for (Node n = opening.getFirstChild(); n != null; n = n.getNextSibling()) {
      children.add(n.getLocalName());
    }
    assertThat(children)
        .containsExactly(
            "InvstgtnId",
            "LglMndtBsis",
            "CnfdtltySts",
            "DueDt",
            "InvstgtnPrd",
            "SchCrit",
            "SplmtryData");
  }

  @Test
  void fields_map_to_their_elements_and_text_is_escaped() throws Exception {
    Document d = parse();
    assertThat(text(d, Auth001.NS, "InvstgtnId")).isEqualTo("RFA-0123456789abcdef");
    assertThat(text(d, Auth001.NS, "Prgrph")).isEqualTo("MMoU para 7(b)");
    assertThat(text(d, Auth001.NS, "CnfdtltySts")).isEqualTo("true");
    assertThat(text(d, Auth001.NS, "FrDt")).isEqualTo("2024-01-01");
    assertThat(text(d, Auth001.NS, "Nm")).isEqualTo("Jane Trader");
    assertThat(text(d, Auth001.REGNET_NS, "Facts")).isEqualTo("Spoofing & layering");
    Element item = (Element) d.getElementsByTagNameNS(Auth001.REGNET_NS, "Item").item(0);
    assertThat(item.getAttribute("type")).isEqualTo("BANK_RECORDS");
    assertThat(item.getTextContent()).isEqualTo("Statements <2024>");
  }

  private static String text(Document d, String ns, String name) {
    return d.getElementsByTagNameNS(ns, name).item(0).getTextContent();
  }

  @Test
  void unsolicited_information_has_no_auth001_export() throws Exception {
    JsonNode content =
        new ObjectMapper()
            .readTree(CONTENT.replace("\"urgency\":\"URGENT\"", "\"unsolicited\":true"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Auth001.render(content))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo("INVALID_STATE");
  }
}
