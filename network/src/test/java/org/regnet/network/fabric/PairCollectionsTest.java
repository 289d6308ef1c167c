package org.regnet.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PairCollectionsTest {

  /** Fabric's rule (core/chaincode/lifecycle/scc.go, collectionNameRegExp). */
  private static final Pattern FABRIC_NAME = Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void names_a_pair_the_same_in_either_order() {
    assertThat(PairCollections.name("HarbourSFCMSP", "AlpineFMAMSP"))
        .isEqualTo(PairCollections.name("AlpineFMAMSP", "HarbourSFCMSP"))
        .isEqualTo("pair_AlpineFMAMSP_HarbourSFCMSP");
  }

  @Test
  void names_satisfy_fabric_and_decode_back_for_ids_with_dots_and_dashes() {
    for (List<String> pair :
        List.of(
            List.of("a.b", "a-b"),
            List.of("Org1MSP", "x-.y"),
            List.of("A-0", "A.1"),
            List.of("A", "B"))) {
      String name = PairCollections.name(pair.get(0), pair.get(1));
      assertThat(name).matches(FABRIC_NAME);
      assertThat(PairCollections.parties(name).orElseThrow())
          .containsExactlyInAnyOrderElementsOf(pair);
    }
    assertThat(PairCollections.name("a.b", "c")).isNotEqualTo(PairCollections.name("a-b", "c"));
  }

  @Test
  void refuses_a_pair_of_one_member() {
    assertThatThrownBy(() -> PairCollections.name("A", "A"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void declares_every_pair_member_only_with_both_peers_endorsing() throws Exception {
    JsonNode config = JSON.readTree(PairCollections.config(List.of("C", "A", "B"), List.of()));
    assertThat(config).hasSize(3);
    JsonNode ab = config.get(0);
    assertThat(ab.get("name").asText()).isEqualTo("pair_A_B");
    assertThat(ab.get("policy").asText()).isEqualTo("OR('A.member', 'B.member')");
    assertThat(ab.get("endorsementPolicy").get("signaturePolicy").asText())
        .isEqualTo("AND('A.peer', 'B.peer')");
    assertThat(ab.get("memberOnlyRead").asBoolean()).isTrue();
    assertThat(ab.get("memberOnlyWrite").asBoolean()).isTrue();
    assertThat(ab.get("blockToLive").asInt()).isZero();
    assertThat(config.findValuesAsText("name")).containsExactly("pair_A_B", "pair_A_C", "pair_B_C");
  }

  @Test
  void keeps_a_departed_members_pairs_for_the_party_that_stays_and_nobody_else() throws Exception {
    JsonNode config =
        JSON.readTree(PairCollections.config(List.of("A", "B"), List.of("pair_A_B", "pair_A_C")));
    assertThat(config.findValuesAsText("name")).containsExactly("pair_A_B", "pair_A_C");
    assertThat(config.get(1).get("policy").asText()).isEqualTo("OR('A.member')");
  }

  @Test
  void refuses_a_pair_of_which_neither_party_stays() {
    assertThatThrownBy(
            () -> PairCollections.config(List.of("A", "B"), List.of("pair_A_B", "pair_C_D")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair_C_D: both parties have left");
  }

  @Test
  void reads_collection_names_from_querycommitted_json() {
    String answer =
        "{\"sequence\":2,\"collections\":{\"config\":["
            + "{\"Payload\":{\"StaticCollectionConfig\":{\"name\":\"pair_A_B\"}}},"
            + "{\"static_collection_config\":{\"name\":\"pair_A_C\",\"block_to_live\":0}}]}}";
    assertThat(PairCollections.committedNames(answer)).containsExactly("pair_A_B", "pair_A_C");
    assertThat(PairCollections.committedNames("{\"sequence\":1}")).isEmpty();
  }
}
