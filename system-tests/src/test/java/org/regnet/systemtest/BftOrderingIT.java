package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.AuthorityAdmission;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkException;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.ChannelConfig;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The BFT choice (network-config/network-bft.yaml): four authorities, each running its own orderer,
 * are the channel's four SmartBFT consenters, and transactions commit. A fifth authority is
 * admitted with its orderer as fifth consenter in the same majority-signed update (with the block
 * validation policy Fabric derives for five, decision 0033); with one original orderer stopped the
 * remaining four, the new one among them, are exactly the quorum and still commit. Removing a
 * member takes its consenter out in the same update; the channel, back to four consenters of which
 * one is still stopped, commits again; removing one more is refused (BFT needs four).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BftOrderingIT {
  private static final int A = 0, B = 1, C = 2, D = 3;
  private static final String ESTUARY = "Estuary Markets Board";
  private static final Pattern HEIGHT = Pattern.compile("\"height\":\\s*(\\d+)");
  private static TestNetwork net;
  private static Actors actors;
  private static OrganizationDefinition estuary;

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
    // configtxgen's derivation for n = 4: f = 1, quorum ceil((4 + 1 + 1) / 2) = 3.
    assertThat(config.blockValidation()).isEqualTo("3 of " + config.consenterMsps());
    assertThat(net.descriptor().get("ordering").asText()).isEqualTo("BFT");
  }

  @Test
  @Order(2)
  void a_transaction_commits_and_is_read_back_through_another_members_peer() {
    found("TRT-IT-BFT-1");

    // The submit returned once A's peer committed the block; D's peer gets it by its own delivery
    // from the orderers, so it is asked until it has it (seen missing 1.6 s after the commit).
    assertThat(awaitTreaty(D, "TRT-IT-BFT-1").body()).contains("TRT-IT-BFT-1");
  }

  @Test
  @Order(3)
  void an_admitted_fifth_authority_runs_its_orderer_as_a_bft_consenter_of_the_same_update() {
    NetworkDefinition def = net.network().definition();
    String e = new AuthorityAdmission(net.network()).admit(ESTUARY, "PT", null);
    estuary = grown().organization(e);

    ChannelConfig config = ChannelConfig.fetch(net.network(), def.organizations().get(A));
    List<String> five = new java.util.ArrayList<>(msps(def));
    five.add(e);
    assertThat(config.organizations("Application")).containsExactlyInAnyOrderElementsOf(five);
    assertThat(config.organizations("Orderer")).containsExactlyInAnyOrderElementsOf(five);
    assertThat(config.consenterMsps()).containsExactlyElementsOf(five);
    assertThat(config.consenters()).contains(estuary.orderer().cluster().toString());
    // Fabric's derivation for n = 5: f = 1, quorum ceil((5 + 1 + 1) / 2) = 4.
    assertThat(config.blockValidation()).isEqualTo("4 of " + five);
    String info = net.network().cli().osnadminInfo(estuary);
    assertThat(info).contains("\"status\": \"active\"", "\"consensusRelation\": \"consenter\"");

    long before = height(estuary);
    found("TRT-IT-BFT-2");

    assertThat(awaitTreaty(B, "TRT-IT-BFT-2").body()).contains("TRT-IT-BFT-2");
    assertThat(height(estuary)).as("the new orderer has the new block").isGreaterThan(before);
  }

  @Test
  @Order(4)
  void with_one_original_orderer_stopped_the_commit_needs_and_gets_the_new_consenter() {
    OrganizationDefinition c = net.network().definition().organizations().get(C);
    ProcessRecord orderer = process(c.ordererHostName());
    assertThat(orderer.alive()).isTrue();
    net.network().supervisor().stop(c.ordererHostName(), Duration.ofSeconds(10));
    assertThat(orderer.alive()).as("orderer of " + c.mspId() + " stopped").isFalse();
    long before = height(estuary);

    // Four of five consenters are left, exactly the quorum: the new one among them.
    found("TRT-IT-BFT-3");

    assertThat(awaitTreaty(B, "TRT-IT-BFT-3").body()).contains("TRT-IT-BFT-3");
    assertThat(height(estuary)).isGreaterThan(before);
  }

  @Test
  @Order(5)
  void removing_a_member_removes_its_consenter_in_the_same_update_and_commits_continue() {
    NetworkDefinition def = net.network().definition();
    OrganizationDefinition d = def.organizations().get(D);

    new AuthorityAdmission(new FabricNetwork(grown(), net.network().layout()))
        .remove(d.mspId(), null);

    ChannelConfig config = ChannelConfig.fetch(net.network(), def.organizations().get(A));
    List<String> four = List.of(actors.msp(A), actors.msp(B), actors.msp(C), estuary.mspId());
    assertThat(config.organizations("Orderer")).containsExactlyInAnyOrderElementsOf(four);
    assertThat(config.consenterMsps()).containsExactlyElementsOf(four);
    assertThat(config.consenters()).doesNotContain(d.orderer().cluster().toString());
    assertThat(config.blockValidation()).isEqualTo("3 of " + four);
    assertThat(net.network().supervisor().records())
        .filteredOn(r -> r.name().equals(d.ordererHostName()))
        .allMatch(r -> !r.alive());
    long before = height(estuary);

    // C's orderer is still stopped: A's, B's and the new one's are the quorum of 3 of 4.
    Result r =
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                "TRT-IT-BFT-4",
                new String[] {actors.msp(A), actors.msp(B)},
                new String[] {"CH", "SG"}));

    assertThat(r.ok()).as("treaty:found after the removal: %s", r.error()).isTrue();
    assertThat(awaitTreaty(B, "TRT-IT-BFT-4").body()).contains("TRT-IT-BFT-4");
    assertThat(height(estuary)).isGreaterThan(before);
  }

  @Test
  @Order(6)
  void removing_a_member_whose_orderer_bft_cannot_spare_is_refused_before_anything_changes() {
    NetworkDefinition shrunk = loadDefinition();
    OrganizationDefinition b = shrunk.organizations().get(B);
    assertThat(shrunk.ordererOrganizations()).hasSize(4);

    assertThatThrownBy(
            () ->
                new AuthorityAdmission(new FabricNetwork(shrunk, net.network().layout()))
                    .remove(b.mspId(), null))
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("needs at least 4 members with an orderer");
    assertThat(
            ChannelConfig.fetch(net.network(), shrunk.organizations().get(A))
                .organizations("Application"))
        .contains(b.mspId());
  }

  /** The definition the admission saved: the four founders and the new authority. */
  private static NetworkDefinition grown() {
    return loadDefinition();
  }

  private static NetworkDefinition loadDefinition() {
    return NetworkDefinitions.load(
        net.network().layout().stateDir().resolve(FabricNetwork.DEFINITION));
  }

  private static List<String> msps(NetworkDefinition def) {
    return def.organizations().stream().map(OrganizationDefinition::mspId).toList();
  }

  private static ProcessRecord process(String name) {
    return net.network().supervisor().records().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The ledger height of {@code org}'s orderer, from the channel participation API. */
  private static long height(OrganizationDefinition org) {
    Matcher m = HEIGHT.matcher(net.network().cli().osnadminInfo(org));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
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

  /**
   * The treaty as the organisation's auditor reads it on its own peer, once that peer has it (each
   * peer commits a block when its own delivery brings it): asked for up to 60 s.
   */
  private static Result awaitTreaty(int org, String treatyId) {
    String arg = "{\"treatyId\":\"" + treatyId + "\"}";
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    Result r = evaluate(actors.contract(org, "auditor"), "treaty:get", arg);
    while (!r.ok() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      r = evaluate(actors.contract(org, "auditor"), "treaty:get", arg);
    }
    assertThat(r.ok()).as("treaty:get %s: %s", treatyId, r.error()).isTrue();
    return r;
  }
}
