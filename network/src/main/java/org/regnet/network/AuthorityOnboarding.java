package org.regnet.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.regnet.network.config.ChaincodeDefinition;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.config.OrdererDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.config.PeerDefinition;
import org.regnet.network.config.ServiceEndpoint;
import org.regnet.network.fabric.ConfigtxWriter;
import org.regnet.network.fabric.FabricCli;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a new member authority to the running network, in Fabric's own terms: its MSP is generated
 * by our crypto component; the channel configuration update that adds it is computed from the
 * channel's current config block with configtxlator; the existing members' admins sign it until the
 * channel's admin policy (a majority) is met, and one of them submits it to the ordering service;
 * the new peer joins, its chaincode server starts, and a new chaincode definition (next sequence,
 * endorsement policy naming every member) is approved and committed.
 *
 * <p>A stale update (the channel changed since it was computed) and one with too few signatures are
 * refused by the orderer and change nothing; every step before the submission is local.
 */
public final class AuthorityOnboarding {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorityOnboarding.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FabricNetwork network;

  public AuthorityOnboarding(FabricNetwork network) {
    this.network = network;
  }

  /**
   * The definition of a new authority, with the next block of ports after the existing members'.
   */
  public static OrganizationDefinition newAuthority(
      NetworkDefinition def, String name, String jurisdiction) {
    // First word plus the initials of the others, as the founding members are named:
    // "Delta Digital Assets Authority" -> DeltaDAAMSP, deltadaa.regnet.test.
    String[] words = name.trim().split("[^A-Za-z0-9]+");
    if (words.length == 0 || words[0].length() < 2) {
      throw new NetworkException(
          "name: must start with a word of at least 2 letters or digits: " + name);
    }
    StringBuilder id =
        new StringBuilder(
            Character.toUpperCase(words[0].charAt(0))
                + words[0].substring(1).toLowerCase(Locale.ROOT));
    for (int w = 1; w < words.length; w++) {
      if (!words[w].isEmpty()) {
        id.append(Character.toUpperCase(words[w].charAt(0)));
      }
    }
    String base = id.length() > 24 ? id.substring(0, 24) : id.toString();
    String slug = base.toLowerCase(Locale.ROOT);
    String msp = base + "MSP";
    int i = def.organizations().size();
    OrganizationDefinition first = def.organizations().get(0);
    String host = first.peer().host();
    return new OrganizationDefinition(
        name,
        msp,
        slug + ".regnet.test",
        jurisdiction.toUpperCase(Locale.ROOT),
        new PeerDefinition(
            "peer0", host, first.peer().port() + 1000 * i, first.peer().operationsPort() + 100 * i),
        new ServiceEndpoint(host, first.chaincodeServer().port() + 1000 * i),
        first.node() == null ? null : new ServiceEndpoint(host, first.node().port() + i),
        newOrderer(def, first, i));
  }

  /**
   * The new authority's own orderer, the next block of orderer ports: a consenter under Raft and
   * BFT alike (decisions 0015, 0033).
   */
  private static OrdererDefinition newOrderer(
      NetworkDefinition def, OrganizationDefinition first, int i) {
    OrdererDefinition o = first.orderer();
    if (o == null) {
      return null;
    }
    return new OrdererDefinition(
        o.name(),
        o.host(),
        o.port() + 100 * i,
        o.clusterPort() + 100 * i,
        o.adminPort() + 100 * i,
        o.operationsPort() + 100 * i);
  }

  /**
   * The network definition once {@code candidate} is a member: next chaincode sequence, policy
   * naming all.
   */
  public static NetworkDefinition withMember(
      NetworkDefinition def, OrganizationDefinition candidate) {
    List<OrganizationDefinition> orgs = new ArrayList<>(def.organizations());
    orgs.add(candidate);
    return withMembers(def, orgs);
  }

  /**
   * The network definition once {@code member} has left: next chaincode sequence, policy without
   * it.
   */
  public static NetworkDefinition without(NetworkDefinition def, OrganizationDefinition member) {
    return withMembers(
        def, def.organizations().stream().filter(o -> !o.mspId().equals(member.mspId())).toList());
  }

  private static NetworkDefinition withMembers(
      NetworkDefinition def, List<OrganizationDefinition> orgs) {
    String policy =
        "OutOf(2, "
            + orgs.stream().map(o -> "'" + o.mspId() + ".peer'").collect(Collectors.joining(", "))
            + ")";
    ChaincodeDefinition cc = def.chaincode();
    return new NetworkDefinition(
        def.name(),
        def.channel(),
        def.portOffset(),
        new ChaincodeDefinition(cc.name(), cc.version(), cc.sequence() + 1, policy),
        def.ordering(),
        orgs);
  }

  /**
   * Step 1 (the candidate): generate its MSP and compute the config update envelope that adds it,
   * from the channel's current config block as fetched by {@code fetcher}'s admin.
   */
  public Path prepareUpdate(OrganizationDefinition candidate, OrganizationDefinition fetcher) {
    NetworkLayout layout = network.layout();
    FabricCli cli = network.cli();
    for (var e :
        Map.of(
                candidate.peer().endpoint(),
                "peer",
                candidate.chaincodeServer().endpoint(),
                "chaincode server")
            .entrySet()) {
      if (!Ports.isFree(e.getKey())) {
        throw new NetworkException(
            "port "
                + e.getKey()
                + " ("
                + e.getValue()
                + " of "
                + candidate.mspId()
                + ") is in use");
      }
    }
    if (candidate.orderer() != null) {
      for (var e : candidate.orderer().endpoints()) {
        if (!Ports.isFree(e)) {
          throw new NetworkException(
              "port " + e + " (orderer of " + candidate.mspId() + ") is in use");
        }
      }
    }
    network.generateCrypto(candidate);
    MspChecks.requireChains(layout.orgCrypto(candidate.domain()), candidate.domain());
    Path dir = layout.stateDir().resolve("onboarding").resolve(candidate.domain());
    ConfigtxWriter.writeSingleOrg(candidate, layout, dir);
    try {
      ObjectNode org = (ObjectNode) JSON.readTree(cli.printOrg(dir, candidate.mspId()));
      addAnchorPeer(org, candidate);
      JsonNode ordererOrg = candidate.orderer() == null ? null : ordererOrg(candidate);
      return computeUpdate(
          dir,
          fetcher,
          config -> {
            if (config
                .at("/channel_group/groups/Application/groups/" + candidate.mspId())
                .isObject()) {
              throw new NetworkException(candidate.mspId() + " is already a member of the channel");
            }
            ObjectNode modified = config.deepCopy();
            ((ObjectNode) modified.at("/channel_group/groups/Application/groups"))
                .set(candidate.mspId(), org);
            if (ordererOrg != null) {
              // Its orderer, in the same update: one majority decides both (decision 0015).
              OrdererMembership.add(
                  (ObjectNode) modified,
                  candidate,
                  ordererOrg,
                  network.definition().ordering(),
                  ConfigtxWriter.ordererNode(candidate, layout));
            }
            return modified;
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code candidate} as an Orderer-group organisation, from configtxgen -printOrg. */
  private JsonNode ordererOrg(OrganizationDefinition candidate) throws IOException {
    Path dir =
        network
            .layout()
            .stateDir()
            .resolve("onboarding")
            .resolve(candidate.domain())
            .resolve("orderer");
    ConfigtxWriter.writeSingleOrdererOrg(candidate, network.layout(), dir);
    return JSON.readTree(network.cli().printOrg(dir, candidate.mspId()));
  }

  /**
   * The config update envelope that removes {@code member} from the channel's application group
   * and, when it runs one, its orderer from the Orderer group and the consenters.
   */
  public Path prepareRemoval(OrganizationDefinition member, OrganizationDefinition fetcher) {
    Path dir = network.layout().stateDir().resolve("offboarding").resolve(member.domain());
    return computeUpdate(
        dir,
        fetcher,
        config -> {
          if (!config.at("/channel_group/groups/Application/groups/" + member.mspId()).isObject()) {
            throw new NetworkException(member.mspId() + " is not a member of the channel");
          }
          ObjectNode modified = config.deepCopy();
          ((ObjectNode) modified.at("/channel_group/groups/Application/groups"))
              .remove(member.mspId());
          // Its orderer leaves the consenters in the same update.
          OrdererMembership.remove(modified, member, network.definition().ordering());
          return modified;
        });
  }

  /**
   * The config update envelope that makes the channel's definition of {@code member}'s MSP list
   * what its verifying MSP folder holds now: its intermediate (issuing CA) certificates and its
   * CRLs. This is how a revocation by the organisation's root reaches every peer and orderer.
   */
  public Path prepareMspUpdate(OrganizationDefinition member, OrganizationDefinition fetcher) {
    Path msp = network.layout().orgCrypto(member.domain()).resolve("msp");
    List<String> intermediates = base64Files(msp.resolve("intermediatecerts"));
    List<String> crls = base64Files(msp.resolve("crls"));
    Path dir =
        network
            .layout()
            .stateDir()
            .resolve("msp-updates")
            .resolve(member.domain() + "-" + System.currentTimeMillis());
    return computeUpdate(
        dir,
        fetcher,
        config -> {
          JsonNode current =
              config.at(
                  "/channel_group/groups/Application/groups/"
                      + member.mspId()
                      + "/values/MSP/value/config");
          if (!current.isObject()) {
            throw new NetworkException(member.mspId() + " is not a member of the channel");
          }
          ObjectNode modified = config.deepCopy();
          // The member's MSP, in the Application group and, since it runs an orderer, in the
          // Orderer group: Fabric refuses two different definitions of one MSP in a channel.
          for (String group : List.of("Application", "Orderer")) {
            JsonNode node =
                modified.at(
                    "/channel_group/groups/"
                        + group
                        + "/groups/"
                        + member.mspId()
                        + "/values/MSP/value/config");
            if (!node.isObject()) {
              continue;
            }
            ObjectNode mspConfig = (ObjectNode) node;
            ArrayNode inter = mspConfig.putArray("intermediate_certs");
            intermediates.forEach(inter::add);
            ArrayNode rev = mspConfig.putArray("revocation_list");
            crls.forEach(rev::add);
          }
          if (modified.equals(config)) {
            throw new NetworkException(
                "the channel already holds " + member.mspId() + "'s intermediates and CRLs");
          }
          return modified;
        });
  }

  private static List<String> base64Files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        out.add(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fetches the current config, applies {@code change}, and wraps the computed delta in an
   * envelope.
   */
  private Path computeUpdate(
      Path dir, OrganizationDefinition fetcher, java.util.function.UnaryOperator<JsonNode> change) {
    FabricCli cli = network.cli();
    try {
      Files.createDirectories(dir);
      Path block = dir.resolve("config_block.pb");
      cli.peer(
          fetcher,
          "fetch channel config",
          concat(
              List.of(
                  "channel",
                  "fetch",
                  "config",
                  block.toString(),
                  "-c",
                  network.definition().channel()),
              cli.ordererFlags()));
      Path blockJson = dir.resolve("config_block.json");
      cli.configtxlator(
          "proto_decode",
          "--input",
          block.toString(),
          "--type",
          "common.Block",
          "--output",
          blockJson.toString());
      JsonNode config = JSON.readTree(blockJson.toFile()).at("/data/data/0/payload/data/config");
      JsonNode modified = change.apply(config);
      Path original = encode(dir, "original", config, "common.Config");
      Path updated = encode(dir, "modified", modified, "common.Config");
      Path update = dir.resolve("update.pb");
      cli.configtxlator(
          "compute_update",
          "--channel_id",
          network.definition().channel(),
          "--original",
          original.toString(),
          "--updated",
          updated.toString(),
          "--output",
          update.toString());
      Path updateJson = dir.resolve("update.json");
      cli.configtxlator(
          "proto_decode",
          "--input",
          update.toString(),
          "--type",
          "common.ConfigUpdate",
          "--output",
          updateJson.toString());
      ObjectNode envelope = JSON.createObjectNode();
      ObjectNode payload = envelope.putObject("payload");
      payload
          .putObject("header")
          .putObject("channel_header")
          .put("channel_id", network.definition().channel())
          .put("type", 2);
      payload.putObject("data").set("config_update", JSON.readTree(updateJson.toFile()));
      return encode(dir, "update_envelope", envelope, "common.Envelope");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bare {@code common.ConfigUpdate} beside an envelope from {@link #prepareUpdate} (what nodes
   * carry).
   */
  public static Path configUpdate(Path envelope) {
    return envelope.resolveSibling("update.pb");
  }

  /** Step 2 (each existing member's admin): sign the update envelope. */
  public void sign(Path envelope, OrganizationDefinition signer) {
    network
        .cli()
        .peer(signer, "sign config update", "channel", "signconfigtx", "-f", envelope.toString());
  }

  /** Step 3: submit the signed update to the ordering service (the submitter's admin signs too). */
  public void submit(Path envelope, OrganizationDefinition submitter) {
    network
        .cli()
        .peer(
            submitter,
            "submit config update",
            concat(
                List.of(
                    "channel",
                    "update",
                    "-f",
                    envelope.toString(),
                    "-c",
                    network.definition().channel()),
                network.cli().ordererFlags()));
  }

  /**
   * Step 4 (the new member): start its peer, join the channel from block 0, start its chaincode
   * server and install its package; then every member approves the next chaincode definition and it
   * is committed. Returns the new member's package id.
   */
  public String joinAndDeploy(
      NetworkDefinition grown, OrganizationDefinition candidate, Map<String, String> packageIds) {
    FabricNetwork next = new FabricNetwork(grown, network.layout());
    OrdererMembership.startAndJoin(
        next,
        candidate,
        network.layout().stateDir().resolve("onboarding").resolve(candidate.domain()));
    ProcessRecord peer = next.startPeer(candidate);
    Ports.awaitListening(
        candidate.peer().endpoint(),
        peer,
        next.supervisor().logFile(peer.name()),
        java.time.Duration.ofSeconds(60));
    Path block0 =
        network
            .layout()
            .stateDir()
            .resolve("onboarding")
            .resolve(candidate.domain())
            .resolve("block0.pb");
    FabricNetwork.retry(
        () ->
            next.cli()
                .peer(
                    candidate,
                    "fetch block 0",
                    concat(
                        List.of("channel", "fetch", "0", block0.toString(), "-c", grown.channel()),
                        next.cli().ordererFlags())));
    FabricNetwork.retry(
        () ->
            next.cli().peer(candidate, "join channel", "channel", "join", "-b", block0.toString()));
    FabricNetwork.ChaincodeInstall install = next.installChaincodeFor(candidate);
    Ports.awaitListening(
        candidate.chaincodeServer().endpoint(),
        install.server(),
        next.supervisor().logFile(install.server().name()),
        java.time.Duration.ofSeconds(60));
    Map<String, String> ids = new LinkedHashMap<>(packageIds);
    ids.put(candidate.mspId(), install.packageId());
    for (OrganizationDefinition org : grown.organizations()) {
      next.approve(org, ids.get(org.mspId()));
    }
    next.commit();
    FabricNetwork.retry(
        () ->
            next.cli()
                .peer(
                    candidate,
                    "query meta:version",
                    "chaincode",
                    "query",
                    "-C",
                    grown.channel(),
                    "-n",
                    grown.chaincode().name(),
                    "-c",
                    "{\"Args\":[\"meta:version\"]}"));
    NetworkDefinitions.save(grown, network.layout().stateDir().resolve(FabricNetwork.DEFINITION));
    LOG.info(
        "{} joined the channel and runs the chaincode (sequence {})",
        candidate.mspId(),
        grown.chaincode().sequence());
    return install.packageId();
  }

  private Path encode(Path dir, String name, JsonNode json, String type) throws IOException {
    Path in = dir.resolve(name + ".json");
    Path out = dir.resolve(name + ".pb");
    Files.writeString(in, JSON.writeValueAsString(json));
    network
        .cli()
        .configtxlator(
            "proto_encode", "--input", in.toString(), "--type", type, "--output", out.toString());
    return out;
  }

  private static void addAnchorPeer(ObjectNode org, OrganizationDefinition candidate) {
    ObjectNode values =
        org.has("values") ? (ObjectNode) org.get("values") : org.putObject("values");
    if (!values.has("AnchorPeers")) {
      ObjectNode anchor = values.putObject("AnchorPeers");
      anchor.put("mod_policy", "Admins").put("version", "0");
      anchor
          .putObject("value")
          .putArray("anchor_peers")
          .addObject()
          .put("host", candidate.peer().host())
          .put("port", candidate.peer().port());
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }
}
