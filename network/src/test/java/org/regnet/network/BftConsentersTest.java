package org.regnet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.config.OrganizationDefinition;

class BftConsentersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final NetworkDefinition def =
      NetworkDefinitions.load(Path.of("../network-config/network-bft.yaml"));

  @Test
  void fabric_quorum_is_ceil_of_n_plus_f_plus_one_over_two() {
    assertThat(List.of(1, 3, 4, 5, 6, 7, 10).stream().map(BftConsenters::quorum))
        .containsExactly(1, 2, 3, 4, 4, 5, 7);
  }

  @Test
  void adding_a_consenter_gives_it_a_fresh_id_and_derives_the_policy_for_five() {
    ObjectNode orderer = orderer(4);
    OrganizationDefinition e = AuthorityOnboarding.newAuthority(def, "Estuary Markets Board", "PT");

    BftConsenters.add(orderer, e, "aWQ=", "dGxz");

    JsonNode added = orderer.at(BftConsenters.MAPPING).get(4);
    assertThat(added.get("id").asInt()).isEqualTo(5);
    assertThat(added.get("msp_id").asText()).isEqualTo(e.mspId());
    assertThat(added.get("port").asInt()).isEqualTo(e.orderer().clusterPort());
    assertThat(added.get("server_tls_cert").asText()).isEqualTo("dGxz");
    JsonNode value = orderer.at(BftConsenters.BLOCK_VALIDATION + "/value");
    assertThat(value.at("/rule/n_out_of/n").asInt()).isEqualTo(4);
    assertThat(value.at("/rule/n_out_of/rules")).hasSize(5);
    assertThat(value.at("/rule/n_out_of/rules/4/signed_by").asInt()).isEqualTo(4);
    assertThat(value.at("/identities/4/principal/mspid").asText()).isEqualTo(e.mspId());
    assertThat(value.at("/identities/4/principal/id_bytes").asText()).isEqualTo("aWQ=");
    assertThat(value.at("/identities/4/principal_classification").asText()).isEqualTo("IDENTITY");
    assertThat(orderer.at("/policies/BlockValidation/mod_policy").asText()).isEqualTo("Admins");
  }

  @Test
  void removing_a_consenter_keeps_the_others_ids_and_derives_the_policy_for_four() {
    ObjectNode orderer = orderer(5);
    OrganizationDefinition d = def.organizations().get(3);

    BftConsenters.remove(orderer, d);

    List<Integer> ids = new ArrayList<>();
    orderer.at(BftConsenters.MAPPING).forEach(c -> ids.add(c.get("id").asInt()));
    assertThat(ids).containsExactly(1, 2, 3, 5);
    JsonNode value = orderer.at(BftConsenters.BLOCK_VALIDATION + "/value");
    assertThat(value.at("/rule/n_out_of/n").asInt()).isEqualTo(3);
    assertThat(value.at("/identities/3/principal/mspid").asText()).isEqualTo("EstuaryMBMSP");
  }

  @Test
  void refuses_a_second_consenter_for_one_member() {
    ObjectNode orderer = orderer(4);

    assertThatThrownBy(() -> BftConsenters.add(orderer, def.organizations().get(0), "aWQ=", "dGxz"))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("already has a consenter");
  }

  /** The Orderer group of a BFT channel with the first {@code n} consenters (E as fifth). */
  private ObjectNode orderer(int n) {
    ObjectNode orderer = JSON.createObjectNode();
    ArrayNode mapping =
        orderer
            .putObject("values")
            .putObject("Orderers")
            .putObject("value")
            .putArray("consenter_mapping");
    List<String> msps = new ArrayList<>();
    def.organizations().forEach(o -> msps.add(o.mspId()));
    msps.add("EstuaryMBMSP");
    for (int i = 0; i < n; i++) {
      mapping
          .addObject()
          .put("id", i + 1)
          .put("host", "127.0.0.1")
          .put("port", 7060 + 100 * i)
          .put("msp_id", msps.get(i))
          .put("identity", "aWQ" + i);
    }
    orderer
        .putObject("policies")
        .putObject("BlockValidation")
        .put("mod_policy", "Admins")
        .put("version", "0")
        .putObject("policy")
        .put("type", 3);
    return orderer;
  }
}
