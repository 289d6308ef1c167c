package org.regnet.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.regnet.network.FabricNetwork;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.fabric.FabricCli;

/** The channel's current configuration, fetched and decoded with Fabric's own tools. */
public final class ChannelConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode config;

  private ChannelConfig(JsonNode config) {
    this.config = config;
  }

  /** Fetches the latest config block as {@code as}'s admin, through its orderer flags. */
  public static ChannelConfig fetch(FabricNetwork network, OrganizationDefinition as) {
    FabricCli cli = network.cli();
    try {
      Path dir = Files.createTempDirectory(network.layout().stateDir(), "config-");
      Path block = dir.resolve("config.pb");
      Path json = dir.resolve("config.json");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "channel",
                  "fetch",
                  "config",
                  block.toString(),
                  "-c",
                  network.definition().channel()));
      args.addAll(cli.ordererFlags());
      cli.peer(as, "fetch channel config", args.toArray(String[]::new));
      cli.configtxlator(
          "proto_decode",
          "--input",
          block.toString(),
          "--type",
          "common.Block",
          "--output",
          json.toString());
      return new ChannelConfig(
          JSON.readTree(json.toFile()).at("/data/data/0/payload/data/config/channel_group"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The MSP ids of the organisations in {@code group} (Application or Orderer). */
  public List<String> organizations(String group) {
    List<String> out = new ArrayList<>();
    config.at("/groups/" + group + "/groups").fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The consensus type: etcdraft or BFT. */
  public String consensusType() {
    return config.at("/groups/Orderer/values/ConsensusType/value/type").asText();
  }

  /** The consenters' cluster endpoints, host:port, from the Raft metadata or the BFT mapping. */
  public List<String> consenters() {
    List<String> out = new ArrayList<>();
    JsonNode list =
        consensusType().equals("BFT")
            ? config.at("/groups/Orderer/values/Orderers/value/consenter_mapping")
            : config.at("/groups/Orderer/values/ConsensusType/value/metadata/consenters");
    list.forEach(c -> out.add(c.get("host").asText() + ":" + c.get("port").asText()));
    return out;
  }

  /** The MSP ids of the BFT consenters (empty under Raft, whose consenters carry none). */
  public List<String> consenterMsps() {
    List<String> out = new ArrayList<>();
    config
        .at("/groups/Orderer/values/Orderers/value/consenter_mapping")
        .forEach(c -> out.add(c.get("msp_id").asText()));
    return out;
  }

  /**
   * The BFT block validation policy: how many signatures of which consenters' MSPs, as {@code "q of
   * [msp, ...]"} (identities in consenter order).
   */
  public String blockValidation() {
    JsonNode value = config.at("/groups/Orderer/policies/BlockValidation/policy/value");
    List<String> msps = new ArrayList<>();
    value.at("/identities").forEach(i -> msps.add(i.at("/principal/mspid").asText()));
    return value.at("/rule/n_out_of/n").asInt() + " of " + msps;
  }

  /** The orderer endpoints the organisation {@code mspId} publishes in the Orderer group. */
  public List<String> ordererEndpoints(String mspId) {
    List<String> out = new ArrayList<>();
    config
        .at("/groups/Orderer/groups/" + mspId + "/values/Endpoints/value/addresses")
        .forEach(a -> out.add(a.asText()));
    return out;
  }
}
