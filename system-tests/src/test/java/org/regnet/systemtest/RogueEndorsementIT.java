package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Scenarios.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.AuthorityOnboarding;
import org.regnet.network.FabricNetwork;
import org.regnet.network.config.ChaincodeDefinition;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Two member authorities that are not party to an A-B agreement (C and D) replace their chaincode
 * servers with a modified one that skips every check ({@code RogueChaincodeServer}, test code only)
 * and endorse a forged status change. Their two endorsements satisfy the chaincode-level policy
 * ({@code OutOf(2, ...)}): a write to a key nobody owns commits (the positive control). The forged
 * status change does not: the agreement's key-level policy needs A's and B's peers, the transaction
 * is invalidated at commit with ENDORSEMENT_POLICY_FAILURE on every peer, and every peer still
 * shows the status the parties set. The agreement stays in public state whatever else moves to
 * private collections, which is why it carries the proof; the parties themselves sign it through a
 * plain Gateway call that names no endorsers: discovery finds them from the key-level policy.
 *
 * <p>The second test turns the same two rogue servers on an A-B referral: its public locator,
 * redirected to C and D, is invalidated at commit like the agreement; its record, which lives in
 * the A-B collection that C's and D's peers never hold, cannot be rewritten either.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RogueEndorsementIT {
  private static final int A = 0, B = 1, C = 2, D = 3;
  private static final String TREATY = "TRT-IT-ROGUE";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestNetwork net;
  private static Actors actors;
  private static String agreementId;

  @BeforeAll
  static void start() {
    net = TestNetwork.start(15_000, "it-rogue", List.of(), RogueEndorsementIT::withFourthMember);
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

  /** network.yaml plus Delta as a founding member, chaincode policy OutOf(2) over all four. */
  private static NetworkDefinition withFourthMember(NetworkDefinition def) {
    OrganizationDefinition delta =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "DE");
    NetworkDefinition grown = AuthorityOnboarding.withMember(def, delta);
    ChaincodeDefinition cc = grown.chaincode();
    return new NetworkDefinition(
        grown.name(),
        grown.channel(),
        grown.portOffset(),
        new ChaincodeDefinition(cc.name(), cc.version(), 1, cc.endorsementPolicy()),
        grown.ordering(),
        grown.organizations());
  }

  @Test
  @Order(1)
  void non_parties_with_a_modified_chaincode_cannot_change_an_agreement() throws Exception {
    String[] msps = {actors.msp(A), actors.msp(B), actors.msp(C), actors.msp(D)};
    ok(
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(TREATY, msps, new String[] {"CH", "SG", "BR", "DE"})));
    agreementId =
        ok(submit(
                actors.contract(A, "treaty-admin"),
                "agreement:propose",
                Requests.proposeAgreement(TREATY, actors.msp(B))))
            .json()
            .get("agreementId")
            .asText();
    // the parties' own step, through a Gateway call that names no endorsers
    Proposal sign =
        actors
            .contract(B, "treaty-admin")
            .newProposal("agreement:sign")
            .addArguments(Requests.agreement(agreementId))
            .build();
    sign.endorse().submit();
    for (int peer : new int[] {A, B, C, D}) {
      assertThat(validation(peer, sign.getTransactionId())).isEqualTo(TxValidationCode.VALID);
    }
    assertThat(statusOnParties(agreementId)).containsOnly("ACTIVE");

    goRogue(C);
    goRogue(D);
    Contract rogue = actors.contract(C, "treaty-admin");

    // positive control: C's and D's rogue endorsements do satisfy the chaincode-level policy
    Proposal canary =
        rogue
            .newProposal("rogue:canary")
            .addArguments(agreementId)
            .setEndorsingOrganizations(actors.msp(C), actors.msp(D))
            .build();
    canary
        .endorse(CallOption.deadlineAfter(60, TimeUnit.SECONDS))
        .submit(CallOption.deadlineAfter(60, TimeUnit.SECONDS));
    for (int peer : new int[] {A, B, C, D}) {
      assertThat(validation(peer, canary.getTransactionId())).isEqualTo(TxValidationCode.VALID);
    }

    // the forged status change is endorsed by both rogue servers, ordered, and invalidated
    CommitException refused =
        catchThrowableOfType(
            CommitException.class,
            () ->
                rogue
                    .newProposal("rogue:forgeStatus")
                    .addArguments("agreement", agreementId, "TERMINATED")
                    .setEndorsingOrganizations(actors.msp(C), actors.msp(D))
                    .build()
                    .endorse(CallOption.deadlineAfter(60, TimeUnit.SECONDS))
                    .submit(CallOption.deadlineAfter(60, TimeUnit.SECONDS)));
    assertThat(refused).as("the forged write must be ordered and then invalidated").isNotNull();
    assertThat(refused.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    for (int peer : new int[] {A, B, C, D}) {
      assertThat(validation(peer, refused.getTransactionId()))
          .as(actors.msp(peer))
          .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    // every peer still holds the status the parties set: A and B through the honest chaincode,
    // C and D through their own rogue servers, which read their peers' state unchecked
    assertThat(statusOnParties(agreementId)).containsOnly("ACTIVE");
    for (int peer : new int[] {C, D}) {
      byte[] raw =
          rogue
              .newProposal("rogue:read")
              .addArguments("agreement", agreementId)
              .setEndorsingOrganizations(actors.msp(peer))
              .build()
              .evaluate(CallOption.deadlineAfter(60, TimeUnit.SECONDS));
      assertThat(JSON.readTree(raw).get("status").asText())
          .as(actors.msp(peer))
          .isEqualTo("ACTIVE");
    }
  }

  @Test
  @Order(2)
  void non_parties_with_a_modified_chaincode_cannot_redirect_or_rewrite_a_referral()
      throws Exception {
    assertThat(agreementId).as("the agreement of the first test").isNotNull();
    // A refers a case to B through a plain Gateway call (no endorsers named); C and D run the
    // rogue chaincode since the first test, which does not concern A's and B's peers.
    String referralId =
        ok(submit(
                actors.contract(A, "case-officer"),
                "referral:submit",
                Requests.submitReferral(agreementId),
                Requests.confidential(Requests.payload(Requests.marker()))))
            .json()
            .get("referralId")
            .asText();
    assertThat(referralOnParties(referralId)).containsOnly("SUBMITTED");
    Contract rogue = actors.contract(C, "treaty-admin");
    String locator = new String(readLocator(C, referralId), StandardCharsets.UTF_8);
    assertThat(JSON.readTree(locator).get("recipient").asText()).isEqualTo(actors.msp(B));

    // The public locator redirected to C and D: endorsed by both rogue servers, ordered, and
    // invalidated by the locator's key-level policy (A's and B's peers).
    CommitException redirected =
        catchThrowableOfType(
            CommitException.class,
            () ->
                rogue
                    .newProposal("rogue:forgeLocator")
                    .addArguments(referralId, actors.msp(C), actors.msp(D))
                    .setEndorsingOrganizations(actors.msp(C), actors.msp(D))
                    .build()
                    .endorse(CallOption.deadlineAfter(60, TimeUnit.SECONDS))
                    .submit(CallOption.deadlineAfter(60, TimeUnit.SECONDS)));
    assertThat(redirected)
        .as("the forged locator must be ordered and then invalidated")
        .isNotNull();
    assertThat(redirected.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    for (int peer : new int[] {A, B, C, D}) {
      assertThat(validation(peer, redirected.getTransactionId()))
          .as(actors.msp(peer))
          .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }
    for (int peer : new int[] {C, D}) {
      assertThat(new String(readLocator(peer, referralId), StandardCharsets.UTF_8))
          .as(actors.msp(peer))
          .isEqualTo(locator);
    }

    // The record itself, in the A-B collection, rewritten blind with another status.
    Throwable rewritten =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                rogue
                    .newProposal("rogue:forgePrivate")
                    .addArguments(actors.msp(A), actors.msp(B), "referral", referralId, "CLOSED")
                    .setEndorsingOrganizations(actors.msp(C), actors.msp(D))
                    .build()
                    .endorse(CallOption.deadlineAfter(60, TimeUnit.SECONDS))
                    .submit(CallOption.deadlineAfter(60, TimeUnit.SECONDS)));
    // C's and D's peers refuse the write themselves, in simulation: they are not members of the
    // A-B collection (memberOnlyWrite), so nothing is endorsed, let alone ordered; had it been,
    // the collection's own policy (A's and B's peers) would have invalidated it at commit.
    assertThat(rewritten)
        .as("a forged write to the pair's collection")
        .isInstanceOf(EndorseException.class);
    List<ErrorDetail> refusals = ((EndorseException) rewritten).getDetails();
    assertThat(refusals)
        .extracting(ErrorDetail::getMspId)
        .containsExactlyInAnyOrder(actors.msp(C), actors.msp(D));
    assertThat(refusals)
        .allSatisfy(
            d ->
                assertThat(d.getMessage())
                    .contains("error in simulation")
                    .contains("putPrivateData"));
    // the parties still read the record they wrote, each on its own peer
    assertThat(referralOnParties(referralId)).containsOnly("SUBMITTED");
  }

  private byte[] readLocator(int peer, String referralId) throws GatewayException {
    return actors
        .contract(C, "treaty-admin")
        .newProposal("rogue:readLocator")
        .addArguments(referralId)
        .setEndorsingOrganizations(actors.msp(peer))
        .build()
        .evaluate(CallOption.deadlineAfter(60, TimeUnit.SECONDS));
  }

  /**
   * How the peer of organisation {@code peer} validated the transaction: read from its own block
   * stream, which also means the peer has committed that block before the test reads its state.
   */
  private TxValidationCode validation(int peer, String txId) {
    try (CloseableIterator<FilteredBlock> blocks =
        actors
            .network(peer, "case-officer")
            .newFilteredBlockEventsRequest()
            .startBlock(0)
            .build()
            .getEvents(CallOption.deadlineAfter(120, TimeUnit.SECONDS))) {
      while (blocks.hasNext()) {
        for (FilteredTransaction tx : blocks.next().getFilteredTransactionsList()) {
          if (tx.getTxid().equals(txId)) {
            return tx.getTxValidationCode();
          }
        }
      }
    }
    throw new AssertionError("block stream ended before " + txId);
  }

  /** The agreement's status as A's treaty admin reads it on A's peer and on B's peer. */
  private List<String> statusOnParties(String agreementId) {
    return statusOnParties(
        peer -> actors.contract(A, "treaty-admin"),
        "agreement:get",
        Requests.agreement(agreementId));
  }

  /** The referral's status as each party's case officer reads it on its own peer. */
  private List<String> referralOnParties(String referralId) {
    return statusOnParties(
        peer -> actors.contract(peer, "case-officer"), "referral:get", Requests.ref(referralId));
  }

  /** A record's status read on A's peer and on B's peer, each time by {@code reader(peer)}. */
  private List<String> statusOnParties(IntFunction<Contract> reader, String tx, String arg) {
    List<String> out = new ArrayList<>();
    for (int peer : new int[] {A, B}) {
      JsonNode r = ok(evaluate(reader.apply(peer), tx, arg, Map.of(), actors.msp(peer))).json();
      out.add(r.get("status").asText());
    }
    return out;
  }

  /**
   * Replaces the organisation's chaincode server by the rogue one: same endpoint, package id and
   * TLS material, so its peer cannot tell the difference.
   */
  private static void goRogue(int index) throws InterruptedException {
    FabricNetwork network = net.network();
    OrganizationDefinition org = network.definition().organizations().get(index);
    JsonNode desc = net.organization(index);
    Path tls =
        Path.of(desc.get("cryptoDir").asText())
            .resolve("tls-servers")
            .resolve(org.chaincodeHostName());
    network.supervisor().stop(org.chaincodeHostName(), Duration.ofSeconds(10));
    Map<String, String> env = new HashMap<>();
    env.put("CHAINCODE_SERVER_ADDRESS", org.chaincodeServer().endpoint().toString());
    env.put("CHAINCODE_ID", desc.get("chaincodePackageId").asText());
    env.put("CHAINCODE_TLS_CERT_FILE", tls.resolve("server.crt").toString());
    env.put("CHAINCODE_TLS_KEY_FILE", tls.resolve("server.key").toString());
    env.put("CHAINCODE_TLS_CLIENT_CA_FILE", tls.resolve("ca.crt").toString());
    env.put("CORE_PEER_LOCALMSPID", org.mspId());
    Path root = TestNetwork.projectRoot();
    // like the chaincode jar, the rogue class comes from the chaincode module's own build
    assertThat(
            root.resolve(
                "chaincode/target/test-classes/org/regnet/chaincode/RogueChaincodeServer.class"))
        .as("build the chaincode module first: mvn -pl chaincode verify")
        .exists();
    String classpath =
        network.layout().chaincodeJar()
            + java.io.File.pathSeparator
            + root.resolve("chaincode/target/test-classes");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessRecord server =
        network
            .supervisor()
            .start(
                org.chaincodeHostName(),
                List.of(java, "-cp", classpath, "org.regnet.chaincode.RogueChaincodeServer"),
                env,
                network.layout().chaincodeDir(org));
    Ports.awaitListening(
        org.chaincodeServer().endpoint(),
        server,
        network.supervisor().logFile(org.chaincodeHostName()),
        Duration.ofSeconds(60));
    // the peer re-dials its chaincode server on the next invocation; wait until the rogue answers
    Contract c = actors.contract(index, "treaty-admin");
    for (int attempt = 0; ; attempt++) {
      try {
        c.newProposal("rogue:read")
            .addArguments("agreement", "AGR-0000000000000000")
            .setEndorsingOrganizations(org.mspId())
            .build()
            .evaluate(CallOption.deadlineAfter(20, TimeUnit.SECONDS));
        return;
      } catch (GatewayException e) {
        if (attempt > 10) {
          throw new AssertionError("rogue chaincode never answered: " + e.getMessage(), e);
        }
        Thread.sleep(1000);
      }
    }
  }
}
