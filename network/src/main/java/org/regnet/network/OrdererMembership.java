package org.regnet.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.regnet.network.config.OrderingDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;

/**
 * The Orderer-group half of admitting or removing an authority, applied to the channel
 * configuration (configtxlator JSON) in the same update as its Application-group organisation, so
 * one majority of member admins decides both: the authority's organisation in the Orderer group
 * with its orderer's endpoint, and its orderer as a consenter (Raft, or BFT). After the update
 * commits, the new orderer joins the channel through the channel participation API and catches up
 * from the other members' orderers.
 *
 * <p>Under BFT the consenter also carries its MSP id and signing identity, and the same update
 * rewrites the block validation policy Fabric derives from the consenters ({@link BftConsenters},
 * decision 0033).
 */
final class OrdererMembership {
  private static final String ORDERER = "/channel_group/groups/Orderer";
  private static final String RAFT_CONSENTERS = "/values/ConsensusType/value/metadata/consenters";

  private OrdererMembership() {}

  /**
   * Adds {@code candidate}'s organisation ({@code ordererOrg}, from configtxgen -printOrg) to the
   * Orderer group and its orderer to the consenters.
   */
  static void add(
      ObjectNode config,
      OrganizationDefinition candidate,
      JsonNode ordererOrg,
      OrderingDefinition ordering,
      Path ordererNode) {
    ObjectNode orderer = (ObjectNode) config.at(ORDERER);
    if (orderer.at("/groups/" + candidate.mspId()).isObject()) {
      throw new NetworkException(candidate.mspId() + " already has an orderer in the channel");
    }
    ((ObjectNode) orderer.get("groups")).set(candidate.mspId(), ordererOrg);
    String cert = base64(ordererNode.resolve("tls/server.crt"));
    if (ordering.bft()) {
      String identity =
          base64(
              ordererNode
                  .resolve("msp/signcerts")
                  .resolve(candidate.ordererHostName() + "-cert.pem"));
      BftConsenters.add(orderer, candidate, identity, cert);
      return;
    }
    ((ArrayNode) orderer.at(RAFT_CONSENTERS))
        .addObject()
        .put("client_tls_cert", cert)
        .put("host", candidate.orderer().host())
        .put("port", candidate.orderer().clusterPort())
        .put("server_tls_cert", cert);
  }

  /** Removes {@code member}'s organisation from the Orderer group and its orderer's consenter. */
  static void remove(
      ObjectNode config, OrganizationDefinition member, OrderingDefinition ordering) {
    if (member.orderer() == null) {
      return; // admitted without an orderer: nothing of it in the Orderer group
    }
    ObjectNode orderer = (ObjectNode) config.at(ORDERER);
    ((ObjectNode) orderer.get("groups")).remove(member.mspId());
    if (ordering.bft()) {
      BftConsenters.remove(orderer, member);
      return;
    }
    ArrayNode consenters = (ArrayNode) orderer.at(RAFT_CONSENTERS);
    int before = consenters.size();
    for (int i = consenters.size() - 1; i >= 0; i--) {
      JsonNode c = consenters.get(i);
      if (c.path("host").asText().equals(member.orderer().host())
          && c.path("port").asInt() == member.orderer().clusterPort()) {
        consenters.remove(i);
      }
    }
    if (consenters.size() != before - 1) {
      throw new NetworkException(
          "the channel has no single consenter at " + member.orderer().cluster());
    }
  }

  /**
   * Starts {@code candidate}'s orderer and joins it to the channel from its latest config block
   * (which names it a consenter); it then replicates the blocks before it from the other orderers.
   */
  static void startAndJoin(FabricNetwork next, OrganizationDefinition candidate, Path dir) {
    if (candidate.orderer() == null) {
      return;
    }
    ProcessRecord orderer = next.startOrderer(candidate);
    Ports.awaitListening(
        candidate.orderer().admin(),
        orderer,
        next.supervisor().logFile(orderer.name()),
        Duration.ofSeconds(60));
    Path block = dir.resolve("join_config_block.pb");
    java.util.List<String> fetch =
        new java.util.ArrayList<>(
            java.util.List.of(
                "channel", "fetch", "config", block.toString(), "-c", next.definition().channel()));
    fetch.addAll(next.cli().ordererFlags());
    FabricNetwork.retry(
        () ->
            next.cli()
                .peer(
                    candidate,
                    "fetch config block to join the orderer",
                    fetch.toArray(String[]::new)));
    next.cli().osnadminJoin(candidate, block);
    // Caught up: the orderer has replicated the chain up to the join block and runs as consenter.
    FabricNetwork.retry(
        () -> {
          String info = next.cli().osnadminInfo(candidate);
          if (!info.contains("\"status\": \"active\"")
              || !info.contains("\"consensusRelation\": \"consenter\"")) {
            throw new NetworkException(
                "orderer of " + candidate.mspId() + " not caught up: " + info);
          }
        });
  }

  private static String base64(Path file) {
    try {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
