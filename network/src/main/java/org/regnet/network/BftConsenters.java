package org.regnet.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.regnet.network.config.OrganizationDefinition;

/**
 * The consenters of a BFT channel in its configuration (configtxlator JSON of the Orderer group):
 * the {@code Orderers} value's consenter mapping and the {@code BlockValidation} policy, which
 * Fabric derives from that mapping and checks on every config update (decision 0033). A change of
 * one without the other is refused by the orderers ("block validation policy should be a signature
 * policy ... but it is ... instead"), so both change here, together.
 *
 * <p>The derivation is Fabric's {@code policies.EncodeBFTBlockVerificationPolicy} (common/policies
 * /bft.go): one principal per consenter, in mapping order, of classification IDENTITY with the
 * consenter's MSP id and identity certificate; the rule {@code n_out_of} q of {@code signed_by}
 * 0..n-1 with q = ceil((n + f + 1) / 2) and f = (n - 1) / 3.
 */
final class BftConsenters {
  static final String MAPPING = "/values/Orderers/value/consenter_mapping";
  static final String BLOCK_VALIDATION = "/policies/BlockValidation/policy";

  private BftConsenters() {}

  /**
   * Adds {@code candidate}'s orderer as a consenter, with an id above every current one, and
   * rewrites the block validation policy for the new set.
   *
   * @param identity the orderer's signing certificate (PEM), base64
   * @param tlsCert its TLS certificate (PEM), base64, for both client and server
   */
  static void add(
      ObjectNode orderer, OrganizationDefinition candidate, String identity, String tlsCert) {
    ArrayNode mapping = mapping(orderer);
    long id = 0;
    for (JsonNode c : mapping) {
      if (c.path("msp_id").asText().equals(candidate.mspId())) {
        throw new NetworkException(candidate.mspId() + " already has a consenter in the channel");
      }
      id = Math.max(id, c.path("id").asLong());
    }
    mapping
        .addObject()
        .put("id", id + 1)
        .put("host", candidate.orderer().host())
        .put("port", candidate.orderer().clusterPort())
        .put("msp_id", candidate.mspId())
        .put("identity", identity)
        .put("client_tls_cert", tlsCert)
        .put("server_tls_cert", tlsCert);
    rewriteBlockValidation(orderer);
  }

  /** Removes {@code member}'s one consenter and rewrites the block validation policy. */
  static void remove(ObjectNode orderer, OrganizationDefinition member) {
    ArrayNode mapping = mapping(orderer);
    int before = mapping.size();
    for (int i = mapping.size() - 1; i >= 0; i--) {
      if (mapping.get(i).path("msp_id").asText().equals(member.mspId())) {
        mapping.remove(i);
      }
    }
    if (mapping.size() != before - 1) {
      throw new NetworkException("the channel has no single consenter of " + member.mspId());
    }
    rewriteBlockValidation(orderer);
  }

  /** The policy Fabric derives from the consenter mapping, replacing the current one's value. */
  static void rewriteBlockValidation(ObjectNode orderer) {
    ArrayNode mapping = mapping(orderer);
    JsonNode policy = orderer.at(BLOCK_VALIDATION);
    if (!policy.isObject()) {
      throw new NetworkException("the Orderer group has no BlockValidation policy");
    }
    int n = mapping.size();
    ObjectNode envelope = ((ObjectNode) policy).put("type", 1).putObject("value");
    envelope.put("version", 0);
    ArrayNode rules =
        envelope.putObject("rule").putObject("n_out_of").put("n", quorum(n)).putArray("rules");
    ArrayNode identities = envelope.putArray("identities");
    for (int i = 0; i < n; i++) {
      JsonNode c = mapping.get(i);
      rules.addObject().put("signed_by", i);
      ObjectNode principal = identities.addObject();
      principal.put("principal_classification", "IDENTITY");
      principal
          .putObject("principal")
          .put("mspid", c.path("msp_id").asText())
          .put("id_bytes", c.path("identity").asText());
    }
  }

  /** Fabric's BFT quorum of {@code n} consenters: ceil((n + f + 1) / 2), f = (n - 1) / 3. */
  static int quorum(int n) {
    int f = (n - 1) / 3;
    return (n + f + 2) / 2;
  }

  private static ArrayNode mapping(ObjectNode orderer) {
    JsonNode mapping = orderer.at(MAPPING);
    if (!mapping.isArray()) {
      throw new NetworkException("the Orderer group has no BFT consenter mapping");
    }
    return (ArrayNode) mapping;
  }
}
