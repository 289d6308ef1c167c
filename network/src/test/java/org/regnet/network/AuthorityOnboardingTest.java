package org.regnet.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.config.OrganizationDefinition;

class AuthorityOnboardingTest {
  private final NetworkDefinition def =
      NetworkDefinitions.load(Path.of("../network-config/network.yaml"));

  @Test
  void names_a_new_authority_like_the_founders_and_gives_it_the_next_block_of_ports() {
    OrganizationDefinition d =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "de");

    assertThat(d.mspId()).isEqualTo("DeltaDAAMSP");
    assertThat(d.domain()).isEqualTo("deltadaa.regnet.test");
    assertThat(d.jurisdiction()).isEqualTo("DE");
    assertThat(d.peer().port()).isEqualTo(10051);
    assertThat(d.chaincodeServer().port()).isEqualTo(10055);
    assertThat(d.node().port()).isEqualTo(8084);
  }

  @Test
  void a_new_authority_runs_its_own_orderer_on_the_next_block_of_orderer_ports() {
    OrganizationDefinition d =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "DE");

    assertThat(d.ordererHostName()).isEqualTo("orderer0.deltadaa.regnet.test");
    assertThat(d.orderer().port()).isEqualTo(7350);
    assertThat(d.orderer().clusterPort()).isEqualTo(7360);
    assertThat(d.orderer().adminPort()).isEqualTo(7353);
    assertThat(d.orderer().operationsPort()).isEqualTo(8743);
    // its ports clash with nobody's
    assertThat(AuthorityOnboarding.withMember(def, d).ordererOrganizations()).hasSize(4);
  }

  @Test
  void a_new_authority_of_a_bft_network_runs_its_own_orderer_as_fifth_consenter() {
    NetworkDefinition bft = NetworkDefinitions.load(Path.of("../network-config/network-bft.yaml"));

    OrganizationDefinition e = AuthorityOnboarding.newAuthority(bft, "Estuary Markets Board", "PT");

    assertThat(e.orderer()).isNotNull();
    assertThat(e.orderer().clusterPort()).isEqualTo(7460);
    assertThat(AuthorityOnboarding.withMember(bft, e).ordererOrganizations()).hasSize(5);
  }

  @Test
  void the_grown_definition_has_the_next_sequence_and_a_policy_naming_every_member() {
    OrganizationDefinition d =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "DE");
    NetworkDefinition grown = AuthorityOnboarding.withMember(def, d);

    assertThat(grown.organizations()).hasSize(4);
    assertThat(grown.chaincode().sequence()).isEqualTo(def.chaincode().sequence() + 1);
    assertThat(grown.chaincode().endorsementPolicy())
        .startsWith("OutOf(2, ")
        .contains("'DeltaDAAMSP.peer'")
        .contains("'AlpineFMAMSP.peer'");
  }

  @Test
  void refuses_a_jurisdiction_that_is_not_an_iso_code() {
    assertThatThrownBy(() -> AuthorityOnboarding.newAuthority(def, "Delta Authority", "XX"))
        .hasMessageContaining("jurisdiction");
  }
}
