package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.prowidesoftware.swift.model.mx.MxAuth00100102;
import com.prowidesoftware.swift.model.mx.dic.InformationRequestOpeningV02;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The auth.001 export read by an independent model of the message: Prowide's ISO 20022 library,
 * generated from the official message definitions (no auth.001 XSD is served here to validate
 * against). Every ISO element the export writes must be one the model knows at that place: the
 * model's own rendering of what it read must hold the same element paths, and the values must
 * survive the reading.
 */
class Auth001ModelTest {
  private static String exported() throws Exception {
    return Auth001.render(new ObjectMapper().readTree(Auth001Test.CONTENT));
  }

  @Test
  void the_iso_20022_model_reads_every_field_back() throws Exception {
    MxAuth00100102 mx = MxAuth00100102.parse(exported());
    InformationRequestOpeningV02 o = mx.getInfReqOpng();

    assertThat(o.getInvstgtnId()).isEqualTo("RFA-0123456789abcdef");
    assertThat(o.getLglMndtBsis().getPrgrph()).isEqualTo("MMoU para 7(b)");
    assertThat(o.getLglMndtBsis().getDsclmr()).isEqualTo("Enforcement only");
    assertThat(o.isCnfdtltySts()).isTrue();
    assertThat(o.getDueDt().getDueDt().toString()).isEqualTo("2025-03-04");
    assertThat(o.getInvstgtnPrd().getDt().getFrDt().toString()).isEqualTo("2024-01-01");
    assertThat(o.getInvstgtnPrd().getDt().getToDt().toString()).isEqualTo("2024-06-30");
    assertThat(o.getSchCrit().getCstmrId().getPty().getNm()).isEqualTo("Jane Trader");
    assertThat(o.getSplmtryData().get(0).getPlcAndNm()).isEqualTo("regnet request for assistance");
  }

  @Test
  void every_iso_element_of_the_export_is_one_the_model_knows_there() throws Exception {
    String ours = exported();
    String model = MxAuth00100102.parse(ours).message();

    assertThat(isoPaths(model)).isNotEmpty().isEqualTo(isoPaths(ours));
    // and the comparison can fail: an element auth.001 has not got there is lost in the reading
    String wrong = ours.replace("<CnfdtltySts>", "<Cnfdntl>x</Cnfdntl><CnfdtltySts>");
    assertThat(isoPaths(MxAuth00100102.parse(wrong).message())).isNotEqualTo(isoPaths(wrong));
  }

  /** The paths of the elements in auth.001's namespace, below the document element. */
  private static Set<String> isoPaths(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element root =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
    Element document =
        root.getLocalName().equals("Document")
            ? root
            : (Element) root.getElementsByTagNameNS(Auth001.NS, "Document").item(0);
    Set<String> paths = new TreeSet<>();
    collect(document, "", paths);
    return paths;
  }

  private static void collect(Element e, String prefix, Set<String> paths) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child && Auth001.NS.equals(child.getNamespaceURI())) {
        String path = prefix + "/" + child.getLocalName();
        paths.add(path);
        collect(child, path, paths);
      }
    }
  }
}
