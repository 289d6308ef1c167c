package org.regnet.network.fabric;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.regnet.network.NetworkLayout;
import org.regnet.network.config.OrdererDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.config.PeerDefinition;

/**
 * Writes each node's own core.yaml / orderer.yaml: Fabric's defaults for this version (taken from
 * its sampleconfig at install time) with our addresses, identities, TLS files and data directories
 * set. Every path is absolute so a node runs from any working directory.
 */
public final class NodeConfigs {
  private NodeConfigs() {}

  /** Writes {@code <home>/core.yaml} for the organisation's peer; returns the home. */
  public static Path writePeer(OrganizationDefinition org, NetworkLayout layout) {
    PeerDefinition p = org.peer();
    Path home = layout.peerHome(org);
    Path node = layout.orgCrypto(org.domain()).resolve("nodes").resolve(org.peerHostName());
    Path tls = node.resolve("tls");
    String address = p.endpoint().toString();
    YamlDocument.read(layout.fabricSampleConfig().resolve("core.yaml"))
        .set("peer.id", org.peerHostName())
        .set("peer.networkId", "regnet")
        .set("peer.listenAddress", address)
        .set("peer.address", address)
        .set("peer.chaincodeListenAddress", p.chaincodeListener().toString())
        .set("peer.chaincodeAddress", p.chaincodeListener().toString())
        .set("peer.gossip.bootstrap", address)
        .set("peer.gossip.endpoint", address)
        .set("peer.gossip.externalEndpoint", address)
        .set("peer.gossip.useLeaderElection", false)
        .set("peer.gossip.orgLeader", true)
        .set("peer.tls.enabled", true)
        .set("peer.tls.clientAuthRequired", false)
        .set("peer.tls.cert.file", tls.resolve("server.crt"))
        .set("peer.tls.key.file", tls.resolve("server.key"))
        .set("peer.tls.rootcert.file", tls.resolve("ca.crt"))
        .set("peer.tls.clientRootCAs.files", List.of(tls.resolve("ca.crt").toString()))
        .set("peer.fileSystemPath", home.resolve("data"))
        .set("peer.mspConfigPath", node.resolve("msp"))
        .set("peer.localMspId", org.mspId())
        .set("peer.gateway.enabled", true)
        .set("vm.endpoint", "")
        .set(
            "chaincode.externalBuilders",
            List.of(
                Map.of(
                    "name", "regnet-ccaas",
                    "path", layout.ccaasBuilder().toString(),
                    "propagateEnvironment", List.of())))
        .set("ledger.state.stateDatabase", "goleveldb")
        .set("ledger.history.enableHistoryDatabase", true)
        .set("ledger.snapshots.rootDir", home.resolve("snapshots"))
        .set("operations.listenAddress", p.operations().toString())
        .set("metrics.provider", "prometheus")
        .write(home.resolve("core.yaml"));
    return home;
  }

  /**
   * How long a Raft follower waits for a transaction it forwards to the leader, and for one cluster
   * message send. Fabric's default is 7 s; when the leader has died, the follower cannot open a
   * stream to it and waits that whole time (etcdraft's {@code forwardToLeader} is told of a failed
   * stream only by its timer), and the gateway tries each follower in turn: one submit took 7 to 14
   * s to be refused, most of a leader failover (decision 0038). 2 s still leaves a send on a loaded
   * machine hundreds of times what it needs. SmartBFT does not use it.
   */
  static final String CLUSTER_RPC_TIMEOUT = "2s";

  /** Writes {@code <home>/orderer.yaml} for {@code org}'s own orderer; returns the home. */
  public static Path writeOrderer(OrganizationDefinition org, NetworkLayout layout) {
    OrdererDefinition o = org.orderer();
    Path home = layout.ordererHome(org);
    Path node = ConfigtxWriter.ordererNode(org, layout);
    Path tls = node.resolve("tls");
    String tlsCa = tls.resolve("ca.crt").toString();
    YamlDocument.read(layout.fabricSampleConfig().resolve("orderer.yaml"))
        .set("General.ListenAddress", o.host())
        .set("General.ListenPort", o.port())
        .set("General.TLS.Enabled", true)
        .set("General.TLS.PrivateKey", tls.resolve("server.key"))
        .set("General.TLS.Certificate", tls.resolve("server.crt"))
        .set("General.TLS.RootCAs", List.of(tlsCa))
        .set("General.TLS.ClientAuthRequired", false)
        .set("General.Cluster.ListenAddress", o.host())
        .set("General.Cluster.ListenPort", o.clusterPort())
        .set("General.Cluster.ServerCertificate", tls.resolve("server.crt"))
        .set("General.Cluster.ServerPrivateKey", tls.resolve("server.key"))
        .set("General.Cluster.ClientCertificate", tls.resolve("server.crt"))
        .set("General.Cluster.ClientPrivateKey", tls.resolve("server.key"))
        .set("General.Cluster.RPCTimeout", CLUSTER_RPC_TIMEOUT)
        .set("General.LocalMSPDir", node.resolve("msp"))
        .set("General.LocalMSPID", org.mspId())
        .set("FileLedger.Location", home.resolve("ledger"))
        .set("Consensus.WALDir", home.resolve("etcdraft/wal"))
        .set("Consensus.SnapDir", home.resolve("etcdraft/snapshot"))
        .set("Operations.ListenAddress", o.operations().toString())
        .set("Metrics.Provider", "prometheus")
        .set("Admin.ListenAddress", o.admin().toString())
        .set("Admin.TLS.Enabled", true)
        .set("Admin.TLS.Certificate", tls.resolve("server.crt"))
        .set("Admin.TLS.PrivateKey", tls.resolve("server.key"))
        .set("Admin.TLS.ClientAuthRequired", true)
        .set("Admin.TLS.ClientRootCAs", List.of(tlsCa))
        .set("ChannelParticipation.Enabled", true)
        .write(home.resolve("orderer.yaml"));
    return home;
  }
}
