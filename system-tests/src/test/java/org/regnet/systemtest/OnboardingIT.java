package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.regnet.network.AuthorityAdmission;
import org.regnet.network.AuthorityOnboarding;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkException;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.ChannelConfig;
import org.regnet.systemtest.support.FabricClients;
import org.regnet.systemtest.support.LeakScan;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Treaty admins onboard a fourth authority into a running three-authority network: an update signed
 * by too few admins is refused and changes nothing, and so is a stale one; signed by a majority it
 * adds the organisation; its peer joins, it runs the chaincode under a new definition, is admitted
 * to the treaty by quorum, signs an agreement with an existing member and receives a referral that
 * a non-party can neither read through the chaincode nor find on its peer.
 */
class OnboardingIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-ONBOARD";
  private static TestNetwork net;
  private static Actors actors;
  private static ManagedChannel channelD;
  private static Gateway adminD;

  @BeforeAll
  static void start() {
    net = TestNetwork.start(30_000, "it-onboarding", List.of());
    actors = new Actors(net);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (adminD != null) {
      adminD.close();
    }
    if (channelD != null) {
      channelD.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    actors.close();
    net.network().down();
  }

  @Test
  void a_fourth_authority_is_admitted_joins_and_takes_part_in_a_bilateral_case() throws Exception {
    ok(
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                TREATY,
                new String[] {actors.msp(A), actors.msp(B), actors.msp(C)},
                new String[] {"CH", "SG", "BR"})));

    NetworkDefinition def = net.network().definition();
    OrganizationDefinition a = def.organizations().get(A), b = def.organizations().get(B);
    OrganizationDefinition d =
        AuthorityOnboarding.newAuthority(def, "Delta Digital Assets Authority", "DE");
    AuthorityOnboarding onboarding = new AuthorityOnboarding(net.network());

    // Signed by one admin of three: the channel's MAJORITY Admins policy refuses it.
    Path lonely = onboarding.prepareUpdate(d, a);
    assertThatThrownBy(() -> onboarding.submit(lonely, a)).isInstanceOf(NetworkException.class);
    // ...and nothing changed: the update can be computed again from the unchanged config.
    Path envelope = onboarding.prepareUpdate(d, a);
    // Another candidate's update, computed from the same configuration: stale once D is in.
    OrganizationDefinition e =
        AuthorityOnboarding.newAuthority(
            AuthorityOnboarding.withMember(def, d), "Echo Markets Board", "FR");
    Path stale = onboarding.prepareUpdate(e, a);

    onboarding.sign(envelope, a);
    onboarding.submit(envelope, b);
    assertThatThrownBy(() -> onboarding.prepareUpdate(d, a))
        .hasMessageContaining("already a member");

    // The stale update, even signed by a majority, is refused and adds nothing.
    onboarding.sign(stale, a);
    assertThatThrownBy(() -> onboarding.submit(stale, b)).isInstanceOf(NetworkException.class);
    onboarding.prepareUpdate(e, a);

    Map<String, String> packageIds = new HashMap<>();
    net.descriptor()
        .get("organizations")
        .forEach(
            o -> packageIds.put(o.get("mspId").asText(), o.get("chaincodePackageId").asText()));
    NetworkDefinition grown = AuthorityOnboarding.withMember(def, d);
    onboarding.joinAndDeploy(grown, d, packageIds);

    // D's own orderer came in with the same majority-signed update, joined and caught up.
    ChannelConfig withD = ChannelConfig.fetch(net.network(), a);
    assertThat(withD.organizations("Orderer"))
        .containsExactlyInAnyOrder(actors.msp(A), actors.msp(B), actors.msp(C), d.mspId());
    assertThat(withD.consenters()).hasSize(4).contains(d.orderer().cluster().toString());
    assertThat(net.network().cli().osnadminInfo(d))
        .contains("\"status\": \"active\"")
        .contains("\"consensusRelation\": \"consenter\"");

    // The treaty registry admits D by quorum: A proposes, B approves (2 of 3 active members).
    JsonNode change =
        ok(submit(
                actors.contract(A, "treaty-admin"),
                "treaty:proposeMembershipChange",
                "{\"treatyId\":\""
                    + TREATY
                    + "\",\"kind\":\"ADMIT\",\"msp\":\""
                    + d.mspId()
                    + "\",\"jurisdiction\":\"DE\"}"))
            .json();
    assertThat(change.get("status").asText()).isEqualTo("PENDING");
    JsonNode applied =
        ok(submit(
                actors.contract(B, "treaty-admin"),
                "treaty:approveMembershipChange",
                "{\"treatyId\":\""
                    + TREATY
                    + "\",\"changeId\":\""
                    + change.get("changeId").asText()
                    + "\"}"))
            .json();
    assertThat(applied.get("status").asText()).isEqualTo("APPLIED");

    // D's own identities, through D's own peer.
    Path dCrypto = net.network().layout().orgCrypto(d.domain());
    channelD =
        FabricClients.channel(
            JsonNode.class.cast(
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(
                        "{\"peer\":{\"address\":\""
                            + d.peer().endpoint()
                            + "\",\"tlsRootCert\":\""
                            + dCrypto.resolve("msp/tlscacerts/tlsca." + d.domain() + "-cert.pem")
                            + "\",\"hostOverride\":\""
                            + d.peerHostName()
                            + "\"}}")));
    adminD =
        FabricClients.gateway(
            channelD, d.mspId(), dCrypto.resolve("users/treaty-admin@" + d.domain() + "/msp"));
    Contract asAdminD = adminD.getNetwork(net.channel()).getContract(net.chaincode());

    String agreementId =
        ok(submit(
                actors.contract(A, "treaty-admin"),
                "agreement:propose",
                Requests.proposeAgreement(TREATY, d.mspId())))
            .json()
            .get("agreementId")
            .asText();
    Result signed = submit(asAdminD, "agreement:sign", Requests.agreement(agreementId));
    assertThat(signed.ok()).as(signed.error()).isTrue();
    assertThat(signed.json().get("status").asText()).isEqualTo("ACTIVE");

    // D's gateway waited for the signature to commit on D's peer only; A's gateway endorses on
    // A's peer first, so wait until A's peer has the block too
    awaitAgreementActiveOnPeerOf(A, agreementId);

    String marker = Requests.marker();
    Result referral =
        submit(
            actors.contract(A, "case-officer"),
            "referral:submit",
            Requests.submitReferral(agreementId),
            // no endorsers named: the admission declared the A-D pair collection, whose policy
            // leads discovery to A's and D's peers
            Requests.confidential(Requests.payload(marker)));
    assertThat(referral.ok()).as(referral.error()).isTrue();
    String referralId = referral.json().get("referralId").asText();

    // A's gateway waited for the commit on A's peer only; D's peer may commit the block a moment
    // later (the record is in the A-D pair collection, no longer in public state)
    JsonNode seenByD = awaitOnPeerOfD(asAdminD, referralId).json();
    assertThat(seenByD.get("recipient").asText()).isEqualTo(d.mspId());
    assertThat(
            evaluate(actors.contract(C, "case-officer"), "referral:get", Requests.ref(referralId))
                .code())
        .isIn("ACCESS_DENIED", "NOT_FOUND");
    // One more public write through C: C's peer has every block before it; none carries the
    // payload.
    ok(
        submit(
            actors.contract(C, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                "TRT-IT-ONBOARD-SYNC",
                new String[] {actors.msp(C), actors.msp(A)},
                new String[] {"BR", "CH"})));
    assertThat(contains(net.network().layout().peerHome(def.organizations().get(C)), marker))
        .isFalse();
    assertThat(contains(net.network().layout().peerHome(d), marker)).isTrue();

    // Leaving: withdrawn from the treaty by quorum, removed from the channel by a majority of
    // admins.
    new AuthorityAdmission(new FabricNetwork(grown, net.network().layout()))
        .remove(d.mspId(), TREATY);
    ChannelConfig withoutD = ChannelConfig.fetch(net.network(), a);
    assertThat(withoutD.organizations("Orderer"))
        .containsExactlyInAnyOrder(actors.msp(A), actors.msp(B), actors.msp(C));
    assertThat(withoutD.consenters()).hasSize(3).doesNotContain(d.orderer().cluster().toString());
    assertThat(net.network().supervisor().records())
        .extracting(r -> r.name())
        .doesNotContain(d.ordererHostName());
    assertThat(
            submit(
                    actors.contract(A, "treaty-admin"),
                    "agreement:propose",
                    Requests.proposeAgreement(TREATY, d.mspId()))
                .ok())
        .as("no agreement with a withdrawn member")
        .isFalse();
    assertThatThrownBy(() -> new AuthorityOnboarding(net.network()).prepareRemoval(d, a))
        .hasMessageContaining("not a member of the channel");
    assertThat(
            ok(submit(
                    actors.contract(B, "treaty-admin"),
                    "treaty:found",
                    Requests.foundTreaty(
                        "TRT-IT-AFTER",
                        new String[] {actors.msp(B), actors.msp(C)},
                        new String[] {"SG", "BR"})))
                .ok())
        .isTrue();
  }

  /** Polls A's peer (a readiness signal, as the network's own waits do) until it commits. */
  private static void awaitAgreementActiveOnPeerOf(int org, String agreementId)
      throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      Result r =
          evaluate(
              actors.contract(org, "treaty-admin"),
              "agreement:get",
              Requests.agreement(agreementId));
      if (r.ok() && "ACTIVE".equals(r.json().path("status").asText())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("agreement " + agreementId + " never became ACTIVE on that peer");
  }

  private static Result awaitOnPeerOfD(Contract asAdminD, String referralId)
      throws InterruptedException {
    Result r = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      r = evaluate(asAdminD, "referral:get", Requests.ref(referralId));
      if (r.ok() || !"NOT_FOUND".equals(r.code())) {
        break;
      }
      Thread.sleep(100);
    }
    return ok(r);
  }

  private static Result ok(Result r) {
    assertThat(r.ok()).as(r.error()).isTrue();
    return r;
  }

  private static boolean contains(Path root, String marker) {
    return !LeakScan.filesContaining(root, marker).isEmpty();
  }
}
