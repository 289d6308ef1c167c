package org.regnet.network;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.fabric.FabricCli;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole admission journey on a local network, where every member's admin keys are at hand
 * ({@code scripts/network.sh add-authority}): the channel update signed by a majority of member
 * admins, the new peer and chaincode, the treaty admission by quorum of treaty admins (each a
 * chaincode transaction by that member's treaty admin), the new authority's node, network.json.
 */
public final class AuthorityAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorityAdmission.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PAYLOAD = Pattern.compile("payload:\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final FabricNetwork network;

  public AuthorityAdmission(FabricNetwork network) {
    this.network = network;
  }

  /** Admits the authority; returns its MSP id. */
  public String admit(String name, String jurisdiction, String treatyId) {
    if (!network.isRunning()) {
      throw new NetworkException(
          "no running network in " + network.layout().stateDir() + ": run `up` first");
    }
    NetworkDefinition def = network.definition();
    OrganizationDefinition candidate = AuthorityOnboarding.newAuthority(def, name, jurisdiction);
    AuthorityOnboarding onboarding = new AuthorityOnboarding(network);
    List<OrganizationDefinition> members = def.organizations();
    Path envelope = onboarding.prepareUpdate(candidate, members.get(0));
    int majority = members.size() / 2 + 1;
    for (int i = 0; i < majority - 1; i++) {
      onboarding.sign(envelope, members.get(i));
    }
    onboarding.submit(envelope, members.get(majority - 1));
    LOG.info(
        "channel updated: {} added with the signatures of {} of {} member admins",
        candidate.mspId(),
        majority,
        members.size());

    JsonNode descriptor = readDescriptor();
    Map<String, String> packageIds = new HashMap<>();
    Map<String, String> urls = new HashMap<>();
    Map<String, List<Map<String, String>>> users = new HashMap<>();
    Map<String, Path> cas = new HashMap<>();
    readMaps(descriptor, packageIds, urls, users, cas);
    NetworkDefinition grown = AuthorityOnboarding.withMember(def, candidate);
    packageIds.put(candidate.mspId(), onboarding.joinAndDeploy(grown, candidate, packageIds));
    FabricNetwork next = new FabricNetwork(grown, network.layout());

    if (treatyId != null) {
      admitToTreaty(next, treatyId, candidate);
    }
    if (candidate.node() != null
        && network.layout().nodeJar().toFile().isFile()
        && !urls.isEmpty()) {
      ProcessRecord node = NodesExtension.prepareAndStart(next, candidate, urls, users, cas);
      Ports.awaitListening(
          candidate.node().endpoint(),
          node,
          next.supervisor().logFile(node.name()),
          Duration.ofSeconds(60));
    }
    NetworkDescriptor.write(grown, network.layout(), next.cli(), packageIds, urls, users, cas);
    return candidate.mspId();
  }

  /**
   * Removes a member: the treaty withdraws it by quorum (when a treaty is named), a majority of
   * member admins sign the channel update that removes its organisation, the chaincode definition
   * moves to the next sequence without it, and its peer, chaincode server and node stop.
   */
  public void remove(String mspId, String treatyId) {
    if (!network.isRunning()) {
      throw new NetworkException(
          "no running network in " + network.layout().stateDir() + ": run `up` first");
    }
    NetworkDefinition def = network.definition();
    OrganizationDefinition leaving = def.organization(mspId);
    List<OrganizationDefinition> staying =
        def.organizations().stream().filter(o -> !o.mspId().equals(mspId)).toList();
    if (staying.size() < 2) {
      throw new NetworkException("a network needs at least two member authorities");
    }
    long orderersLeft = staying.stream().filter(o -> o.orderer() != null).count();
    if (leaving.orderer() != null && orderersLeft < def.ordering().minimumConsenters()) {
      // Refused before the treaty vote, so nothing is half-done: BFT needs 3f+1 = 4 consenters.
      throw new NetworkException(
          "cannot remove "
              + mspId
              + ": "
              + def.ordering().type()
              + " ordering needs at least "
              + def.ordering().minimumConsenters()
              + " members with an orderer, "
              + orderersLeft
              + " would remain");
    }
    if (treatyId != null) {
      changeTreatyMembership(network, treatyId, "WITHDRAW", leaving, staying);
    }
    AuthorityOnboarding onboarding = new AuthorityOnboarding(network);
    Path envelope = onboarding.prepareRemoval(leaving, staying.get(0));
    int majority = def.organizations().size() / 2 + 1;
    for (int i = 0; i < majority - 1; i++) {
      onboarding.sign(envelope, staying.get(i));
    }
    onboarding.submit(envelope, staying.get(majority - 1));

    JsonNode descriptor = readDescriptor();
    Map<String, String> packageIds = new HashMap<>();
    Map<String, String> urls = new HashMap<>();
    Map<String, List<Map<String, String>>> users = new HashMap<>();
    Map<String, Path> cas = new HashMap<>();
    readMaps(descriptor, packageIds, urls, users, cas);
    NetworkDefinition shrunk = AuthorityOnboarding.without(def, leaving);
    FabricNetwork next = new FabricNetwork(shrunk, network.layout());
    for (OrganizationDefinition org : staying) {
      next.approve(org, packageIds.get(org.mspId()));
    }
    next.commit();
    for (String process :
        List.of(leaving.nodeHostName(), leaving.chaincodeHostName(), leaving.peerHostName())) {
      network.supervisor().stop(process, Duration.ofSeconds(10));
    }
    if (leaving.orderer() != null) {
      // No longer a consenter since the update above: its orderer stops with the rest.
      network.supervisor().stop(leaving.ordererHostName(), Duration.ofSeconds(10));
    }
    org.regnet.network.config.NetworkDefinitions.save(
        shrunk, network.layout().stateDir().resolve(FabricNetwork.DEFINITION));
    NetworkDescriptor.write(shrunk, network.layout(), next.cli(), packageIds, urls, users, cas);
    LOG.info(
        "{} removed from the channel; chaincode definition sequence {}",
        mspId,
        shrunk.chaincode().sequence());
  }

  private static void readMaps(
      JsonNode descriptor,
      Map<String, String> packageIds,
      Map<String, String> urls,
      Map<String, List<Map<String, String>>> users,
      Map<String, Path> cas) {
    for (JsonNode o : descriptor.get("organizations")) {
      String msp = o.get("mspId").asText();
      packageIds.put(msp, o.path("chaincodePackageId").asText());
      if (o.hasNonNull("nodeUrl")) {
        urls.put(msp, o.get("nodeUrl").asText());
        cas.put(msp, Path.of(o.get("nodeTlsCaCert").asText()));
        users.put(
            msp,
            JSON.convertValue(o.get("users"), new TypeReference<List<Map<String, String>>>() {}));
      }
    }
  }

  /**
   * Treaty admins of the existing members propose and approve ADMIT until the quorum applies it.
   */
  private void admitToTreaty(
      FabricNetwork next, String treatyId, OrganizationDefinition candidate) {
    changeTreatyMembership(
        next, treatyId, "ADMIT", candidate, network.definition().organizations());
  }

  /**
   * A membership change proposed by the first voter's treaty admin, approved by the next ones until
   * applied.
   */
  private void changeTreatyMembership(
      FabricNetwork next,
      String treatyId,
      String kind,
      OrganizationDefinition subject,
      List<OrganizationDefinition> members) {
    String jurisdiction =
        kind.equals("ADMIT") ? ",\"jurisdiction\":\"" + subject.jurisdiction() + "\"" : "";
    JsonNode change =
        invoke(
            next,
            members.get(0),
            members.get(1),
            "treaty:proposeMembershipChange",
            "{\"treatyId\":\""
                + treatyId
                + "\",\"kind\":\""
                + kind
                + "\",\"msp\":\""
                + subject.mspId()
                + "\""
                + jurisdiction
                + "}");
    OrganizationDefinition candidate = subject;
    for (int i = 1; i < members.size() && !"APPLIED".equals(change.path("status").asText()); i++) {
      change =
          invoke(
              next,
              members.get(i),
              members.get(0),
              "treaty:approveMembershipChange",
              "{\"treatyId\":\""
                  + treatyId
                  + "\",\"changeId\":\""
                  + change.get("changeId").asText()
                  + "\"}");
    }
    if (!"APPLIED".equals(change.path("status").asText())) {
      throw new NetworkException(
          "treaty " + kind + " of " + candidate.mspId() + " did not reach its quorum: " + change);
    }
    LOG.info(
        "{} {} in treaty {} by {}", kind, candidate.mspId(), treatyId, change.get("approvals"));
  }

  /**
   * A chaincode transaction by {@code caller}'s treaty admin, endorsed by caller and {@code other}.
   */
  private JsonNode invoke(
      FabricNetwork next,
      OrganizationDefinition caller,
      OrganizationDefinition other,
      String tx,
      String arg) {
    FabricCli cli = next.cli();
    Path msp =
        network
            .layout()
            .orgCrypto(caller.domain())
            .resolve("users/treaty-admin@" + caller.domain() + "/msp");
    String ctor;
    try {
      ctor = JSON.writeValueAsString(Map.of("Args", List.of(tx, arg)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "chaincode",
                "invoke",
                "-C",
                next.definition().channel(),
                "-n",
                next.definition().chaincode().name(),
                "-c",
                ctor,
                "--waitForEvent"));
    args.addAll(cli.ordererFlags());
    // Every member's peer endorses: treaty-wide records carry a key-level policy of the treaty's
    // majority (decision 0009), which the caller and one other peer no longer satisfy.
    List<OrganizationDefinition> endorsers = new java.util.ArrayList<>(List.of(caller, other));
    next.definition().organizations().stream()
        .filter(o -> !o.mspId().equals(caller.mspId()) && !o.mspId().equals(other.mspId()))
        .forEach(endorsers::add);
    for (OrganizationDefinition o : endorsers) {
      args.addAll(
          List.of(
              "--peerAddresses",
              o.peer().endpoint().toString(),
              "--tlsRootCertFiles",
              cli.peerTlsCa(o).toString()));
    }
    String out = cli.peerAs(caller, msp, tx, args.toArray(String[]::new));
    Matcher m = PAYLOAD.matcher(out);
    if (!m.find()) {
      throw new NetworkException(tx + ": no result in: " + out);
    }
    try {
      return JSON.readTree(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    } catch (IOException e) {
      throw new NetworkException(tx + ": unreadable result: " + m.group(1));
    }
  }

  private JsonNode readDescriptor() {
    try {
      return JSON.readTree(network.layout().descriptor().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
