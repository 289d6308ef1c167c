package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.AuthorityAdmission;
import org.regnet.network.NetworkException;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.ChannelConfig;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The BFT choice (network-config/network-bft.yaml): four authorities, each running its own orderer,
 * are the channel's four SmartBFT consenters; transactions commit, and still commit with one of the
 * four orderers stopped (3f+1 = 4 tolerates f = 1).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BftOrderingIT {
  private static final int A = 0, B = 1, C = 2, D = 3;
  private static TestNetwork net;
  private static Actors actors;

  @BeforeAll
  static void start() {
    net = TestNetwork.start("network-config/network-bft.yaml", 35_000, "it-bft", List.of());
    actors = new Actors(net);
  }

  @AfterAll
  static void stop() {
    if (actors != null) {
      actors.close();
    }
    if (net != null) {
      net.network().down();
    }
  }

  @Test
  @Order(1)
  void the_four_members_orderers_are_the_bft_consenters_and_nobody_else_orders() {
    NetworkDefinition def = net.network().definition();
    ChannelConfig config = ChannelConfig.fetch(net.network(), def.organizations().get(D));

    List<String> members = def.organizations().stream().map(OrganizationDefinition::mspId).toList();
    assertThat(members).hasSize(4);
    assertThat(config.consensusType()).isEqualTo("BFT");
    assertThat(config.organizations("Orderer")).containsExactlyInAnyOrderElementsOf(members);
    assertThat(config.consenterMsps()).containsExactlyInAnyOrderElementsOf(members);
    assertThat(config.consenters())
        .containsExactlyInAnyOrderElementsOf(
            def.organizations().stream().map(o -> o.orderer().cluster().toString()).toList());
    assertThat(net.descriptor().get("ordering").asText()).isEqualTo("BFT");
  }

  @Test
  @Order(2)
  void a_transaction_commits_and_is_read_back_through_another_members_peer() {
    found("TRT-IT-BFT-1");

    assertThat(readTreaty(D, "TRT-IT-BFT-1").body()).contains("TRT-IT-BFT-1");
  }

  @Test
  @Order(3)
  void transactions_still_commit_with_one_of_the_four_orderers_stopped() {
    OrganizationDefinition c = net.network().definition().organizations().get(C);
    ProcessRecord orderer =
        net.network().supervisor().records().stream()
            .filter(r -> r.name().equals(c.ordererHostName()))
            .findFirst()
            .orElseThrow();
    assertThat(orderer.alive()).isTrue();
    net.network().supervisor().stop(c.ordererHostName(), Duration.ofSeconds(10));
    assertThat(orderer.alive()).as("orderer of " + c.mspId() + " stopped").isFalse();

    found("TRT-IT-BFT-2");

    assertThat(readTreaty(B, "TRT-IT-BFT-2").body()).contains("TRT-IT-BFT-2");
  }

  @Test
  @Order(4)
  void removing_a_member_whose_orderer_is_a_bft_consenter_is_refused_before_anything_changes() {
    OrganizationDefinition d = net.network().definition().organizations().get(D);

    assertThatThrownBy(() -> new AuthorityAdmission(net.network()).remove(d.mspId(), null))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("BFT consenter");
    assertThat(
            ChannelConfig.fetch(net.network(), net.network().definition().organizations().get(A))
                .organizations("Application"))
        .contains(d.mspId());
  }

  private static void found(String treatyId) {
    Result r =
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                treatyId,
                new String[] {actors.msp(A), actors.msp(B), actors.msp(C), actors.msp(D)},
                new String[] {"CH", "SG", "BR", "NO"}));
    assertThat(r.ok()).as("treaty:found %s: %s", treatyId, r.error()).isTrue();
  }

  private static Result readTreaty(int org, String treatyId) {
    Result r =
        evaluate(
            actors.contract(org, "auditor"), "treaty:get", "{\"treatyId\":\"" + treatyId + "\"}");
    assertThat(r.ok()).as("treaty:get %s: %s", treatyId, r.error()).isTrue();
    return r;
  }
}
