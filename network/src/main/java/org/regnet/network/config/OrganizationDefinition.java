package org.regnet.network.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A member authority: its MSP, jurisdiction, peer, chaincode server, node and orderer. The orderer
 * is optional only for an authority admitted without one; every founding member runs its own.
 */
public record OrganizationDefinition(
    String name,
    String mspId,
    String domain,
    String jurisdiction,
    PeerDefinition peer,
    ServiceEndpoint chaincodeServer,
    ServiceEndpoint node,
    OrdererDefinition orderer) {

  public OrganizationDefinition {
    Names.require(name, "organizations.name");
    Names.requireMspId(mspId, "organizations.mspId");
    Names.requireDomain(domain, "organizations.domain");
    Names.requireCountry(jurisdiction, "organizations.jurisdiction");
    Objects.requireNonNull(peer, "organizations.peer");
    Objects.requireNonNull(chaincodeServer, "organizations.chaincodeServer");
  }

  OrganizationDefinition shifted(int offset) {
    return new OrganizationDefinition(
        name,
        mspId,
        domain,
        jurisdiction,
        peer.shifted(offset),
        chaincodeServer.shifted(offset),
        node == null ? null : node.shifted(offset),
        orderer == null ? null : orderer.shifted(offset));
  }

  /** The TLS host name of this organisation's peer, e.g. {@code peer0.alpinefma.regnet.test}. */
  public String peerHostName() {
    return peer.name() + "." + domain;
  }

  /**
   * The TLS host name of this organisation's orderer, e.g. {@code orderer0.alpinefma.regnet.test}.
   */
  public String ordererHostName() {
    return orderer.name() + "." + domain;
  }

  /** The TLS host name of this organisation's chaincode server. */
  public String chaincodeHostName() {
    return "ccaas." + domain;
  }

  /** The TLS host name of this organisation's authority node. */
  public String nodeHostName() {
    return "node." + domain;
  }

  /** How far above its API port a node's admin listener sits (8081 -> 9081). */
  public static final int NODE_ADMIN_PORT_DISTANCE = 1000;

  /**
   * The node's admin listener (plain HTTP, metrics): always on loopback, whatever address its API
   * listens on, at the API port plus {@link #NODE_ADMIN_PORT_DISTANCE}; null without a node.
   */
  public Endpoint nodeAdmin() {
    return node == null ? null : new Endpoint("127.0.0.1", node.port() + NODE_ADMIN_PORT_DISTANCE);
  }

  /** How far above its API port a node's evidence port sits (8081 -> 10081). */
  public static final int NODE_EVIDENCE_PORT_DISTANCE = 2000;

  /**
   * The node's evidence port (docs/decisions/0019): mutual TLS between authorities' nodes only, on
   * the node's own address (the other nodes dial it) at the API port plus {@link
   * #NODE_EVIDENCE_PORT_DISTANCE}; null without a node.
   */
  public Endpoint nodeEvidence() {
    return node == null
        ? null
        : new Endpoint(node.host(), node.port() + NODE_EVIDENCE_PORT_DISTANCE);
  }

  List<Endpoint> endpoints() {
    List<Endpoint> base =
        List.of(
            peer.endpoint(),
            peer.chaincodeListener(),
            peer.operations(),
            chaincodeServer.endpoint());
    List<Endpoint> all = new ArrayList<>(base);
    if (node != null) {
      all.add(node.endpoint());
      all.add(nodeAdmin());
      all.add(nodeEvidence());
    }
    if (orderer != null) {
      all.addAll(orderer.endpoints());
    }
    return all;
  }
}
