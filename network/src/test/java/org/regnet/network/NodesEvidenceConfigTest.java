package org.regnet.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.config.OrganizationDefinition;

class NodesEvidenceConfigTest {
  private static final NetworkDefinition DEF =
      NetworkDefinitions.load(Path.of("../network-config/network.yaml")).withPortOffset(10_000);
  private static final NetworkLayout LAYOUT =
      new NetworkLayout(Path.of("/project"), Path.of("/project/.network"));

  @Test
  void each_node_listens_for_evidence_at_its_api_port_plus_2000_on_its_own_host() {
    OrganizationDefinition alpine = DEF.organizations().get(0);
    assertThat(alpine.nodeEvidence().port()).isEqualTo(alpine.node().port() + 2000);
    assertThat(alpine.nodeEvidence().host()).isEqualTo(alpine.node().host());
    assertThat(NodesExtension.evidenceSection(DEF, LAYOUT, alpine))
        .contains("listen: { host: 127.0.0.1, port: 20081 }")
        .contains("receiptUser: case-officer");
  }

  @Test
  void a_node_trusts_every_other_authority_by_the_root_in_its_msp_and_not_itself() {
    OrganizationDefinition alpine = DEF.organizations().get(0);
    String y = NodesExtension.evidenceSection(DEF, LAYOUT, alpine);
    assertThat(y)
        .contains(
            "HarbourSFCMSP: { rootCert: /project/.network/crypto/"
                + "harboursfc.regnet.test/msp/cacerts/ca.harboursfc.regnet.test-cert.pem,"
                + " endpoint: \"https://127.0.0.1:20082\" }")
        .contains("LagoonCMAMSP: {", "https://127.0.0.1:20083")
        .doesNotContain("AlpineFMAMSP");
  }
}
