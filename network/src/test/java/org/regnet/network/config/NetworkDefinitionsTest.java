package org.regnet.network.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkDefinitionsTest {
  private static final Path PROJECT_DEFINITION = Path.of("../network-config/network.yaml");

  @Test
  void loads_the_project_definition_with_three_authorities_each_running_its_own_orderer() {
    NetworkDefinition def = NetworkDefinitions.load(PROJECT_DEFINITION);

    assertThat(def.organizations()).hasSize(3);
    assertThat(def.ordererOrganizations()).isEqualTo(def.organizations());
    assertThat(def.ordering().type()).isEqualTo(OrderingDefinition.RAFT);
    assertThat(def.organizations().get(1).ordererHostName())
        .isEqualTo("orderer0.harboursfc.regnet.test");
    assertThat(def.organizations())
        .extracting(OrganizationDefinition::jurisdiction)
        .doesNotHaveDuplicates();
  }

  @Test
  void port_offset_moves_every_port_and_keeps_hosts() {
    NetworkDefinition def = NetworkDefinitions.load(PROJECT_DEFINITION);
    NetworkDefinition moved = def.withPortOffset(10_000);

    assertThat(moved.organizations().get(0).peer().port())
        .isEqualTo(def.organizations().get(0).peer().port() + 10_000);
    assertThat(moved.organizations().get(2).orderer().adminPort())
        .isEqualTo(def.organizations().get(2).orderer().adminPort() + 10_000);
    assertThat(moved.organizations().get(1).node().port())
        .isEqualTo(def.organizations().get(1).node().port() + 10_000);
    assertThat(moved.organizations().get(0).peer().host())
        .isEqualTo(def.organizations().get(0).peer().host());
    assertThat(moved.portOffset()).isEqualTo(10_000);
  }

  @Test
  void loads_the_bft_definition_with_four_authorities_and_four_consenters() {
    NetworkDefinition def = NetworkDefinitions.load(Path.of("../network-config/network-bft.yaml"));

    assertThat(def.ordering().bft()).isTrue();
    assertThat(def.ordererOrganizations()).hasSize(4);
  }

  @Test
  void refuses_bft_with_fewer_than_four_orderers(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("n.yaml");
    Files.writeString(
        file, Files.readString(PROJECT_DEFINITION).replace("type: Raft", "type: BFT"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("BFT ordering needs at least 4 members with an orderer, has 3");
  }

  @Test
  void refuses_an_unknown_ordering_type(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("n.yaml");
    Files.writeString(
        file, Files.readString(PROJECT_DEFINITION).replace("type: Raft", "type: solo"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("ordering.type: Raft or BFT, not solo");
  }

  @Test
  void refuses_an_orderer_port_taken_by_another_members_orderer(@TempDir Path tmp)
      throws Exception {
    Path file = tmp.resolve("n.yaml");
    Files.writeString(
        file, Files.readString(PROJECT_DEFINITION).replace("port: 7150,", "port: 7050,"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("port used twice")
        .hasMessageContaining("7050");
  }

  @Test
  void refuses_an_unknown_field_naming_it(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("n.yaml");
    Files.writeString(
        file,
        Files.readString(PROJECT_DEFINITION)
            .replace("portOffset: 0", "portOffset: 0\nportOfset: 1"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("portOfset");
  }

  @Test
  void refuses_a_jurisdiction_that_is_not_an_iso_3166_code(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("n.yaml");
    Files.writeString(
        file, Files.readString(PROJECT_DEFINITION).replace("jurisdiction: SG", "jurisdiction: XX"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("jurisdiction");
  }

  @Test
  void refuses_a_port_used_twice(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("n.yaml");
    Files.writeString(
        file, Files.readString(PROJECT_DEFINITION).replace("port: 8055", "port: 7051"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("port used twice")
        .hasMessageContaining("7051");
  }

  @Test
  void refuses_the_peer_chaincode_listener_port_taken_by_another_service(@TempDir Path tmp)
      throws Exception {
    Path file = tmp.resolve("n.yaml");
    // peer 7051 reserves 7052 for its chaincode listener
    Files.writeString(
        file, Files.readString(PROJECT_DEFINITION).replace("port: 7055", "port: 7052"));

    assertThatThrownBy(() -> NetworkDefinitions.load(file)).hasMessageContaining("7052");
  }

  @Test
  void refuses_a_missing_definition_file(@TempDir Path tmp) {
    assertThatThrownBy(() -> NetworkDefinitions.load(tmp.resolve("absent.yaml")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("not found");
  }
}
