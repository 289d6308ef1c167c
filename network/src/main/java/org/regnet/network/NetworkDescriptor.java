package org.regnet.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.regnet.crypto.SecureFiles;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrdererDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.fabric.FabricCli;

/**
 * Writes {@code network.json}: what runs where, with absolute paths to the TLS roots and admin
 * identities, so any Fabric client (our tests, the peer CLI, an SDK) can connect.
 */
public final class NetworkDescriptor {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NetworkDescriptor() {}

  /**
   * @param nodeUrls the authority node URL per MSP id, for the nodes that run
   * @param nodeUsers demo users per MSP id (username, password, role), local network only
   */
  public static Path write(
      NetworkDefinition def,
      NetworkLayout layout,
      FabricCli cli,
      Map<String, String> packageIds,
      Map<String, String> nodeUrls,
      Map<String, List<Map<String, String>>> nodeUsers,
      Map<String, Path> nodeCaCerts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", def.name());
    root.put("channel", def.channel());
    root.put("chaincode", def.chaincode().name());
    root.put("chaincodeVersion", def.chaincode().version());
    root.put("stateDir", layout.stateDir().toString());
    root.put("fabricBin", layout.fabricBin("peer").getParent().toString());
    root.put("fabricConfig", layout.fabricSampleConfig().toString());
    ArrayNode orgs = root.putArray("organizations");
    for (OrganizationDefinition org : def.organizations()) {
      ObjectNode o = orgs.addObject();
      o.put("name", org.name());
      o.put("mspId", org.mspId());
      o.put("jurisdiction", org.jurisdiction());
      o.put("domain", org.domain());
      ObjectNode peer = o.putObject("peer");
      peer.put("address", org.peer().endpoint().toString());
      peer.put("tlsRootCert", cli.peerTlsCa(org).toString());
      peer.put("hostOverride", org.peerHostName());
      o.put("adminMspDir", cli.adminMsp(org.domain()).toString());
      o.put("cryptoDir", layout.orgCrypto(org.domain()).toString());
      o.put("chaincodeServer", org.chaincodeServer().endpoint().toString());
      o.put("chaincodePackageId", packageIds.get(org.mspId()));
      ArrayNode ids = o.putArray("identities");
      for (String role : Identities.ROLES) {
        Path dir =
            layout
                .orgCrypto(org.domain())
                .resolve("users")
                .resolve(role + "@" + org.domain())
                .resolve("msp");
        ObjectNode id = ids.addObject();
        id.put("role", role);
        id.put("mspDir", dir.toString());
      }
      String url = nodeUrls.get(org.mspId());
      if (url == null) {
        o.putNull("nodeUrl");
      } else {
        o.put("nodeUrl", url);
        Path ca = nodeCaCerts.get(org.mspId());
        o.put("nodeTlsCaCert", ca == null ? null : ca.toString());
        var admin = org.nodeAdmin();
        o.put("nodeMetricsUrl", "http://" + admin.host() + ":" + admin.port() + "/metrics");
        o.put("nodeEvidenceUrl", "https://" + org.nodeEvidence());
      }
      ArrayNode users = o.putArray("users");
      for (Map<String, String> u : nodeUsers.getOrDefault(org.mspId(), List.of())) {
        ObjectNode user = users.addObject();
        u.forEach(user::put);
      }
    }
    ArrayNode orderers = root.putArray("orderers");
    // Each member's own orderer, under its own MSP: there is no ordering organisation.
    root.put("ordering", def.ordering().type());
    for (OrganizationDefinition org : def.ordererOrganizations()) {
      OrdererDefinition od = org.orderer();
      ObjectNode o = orderers.addObject();
      o.put("name", org.ordererHostName());
      o.put("mspId", org.mspId());
      o.put("address", od.endpoint().toString());
      o.put("adminAddress", od.admin().toString());
      o.put("tlsRootCert", cli.peerTlsCa(org).toString());
      o.put("hostOverride", org.ordererHostName());
    }
    Path file = layout.descriptor();
    try {
      // It lists the demo users' passwords: owner-only.
      SecureFiles.writeSecret(file, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
