package org.regnet.node.ledger;

import java.util.function.Supplier;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.regnet.node.service.Readiness;
import org.regnet.node.store.InboxStore;

/**
 * The readiness probe, as the node's own identity (its event reader, never a user's): the chaincode
 * answers {@code meta:version}, and the channel's height (qscc {@code GetChainInfo}) against the
 * follower's checkpoint gives its lag.
 */
public final class LedgerProbe implements Supplier<Readiness> {
  private final Supplier<Network> network;
  private final String channel;
  private final String chaincode;
  private final InboxStore inbox;
  private final java.time.Clock clock;

  public LedgerProbe(
      Supplier<Network> network,
      String channel,
      String chaincode,
      InboxStore inbox,
      java.time.Clock clock) {
    this.network = network;
    this.channel = channel;
    this.chaincode = chaincode;
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public Readiness get() {
    Network n = network.get();
    try {
      n.getContract(chaincode).evaluateTransaction("meta:version");
      long height =
          BlockchainInfo.parseFrom(
                  n.getContract("qscc").evaluateTransaction("GetChainInfo", channel))
              .getHeight();
      long checkpoint = inbox.checkpoint().blockNumber();
      return new Readiness(
          true, checkpoint, height, Math.max(0, height - 1 - checkpoint), clock.instant());
    } catch (GatewayException | com.google.protobuf.InvalidProtocolBufferException e) {
      return new Readiness(false, -1, -1, -1, clock.instant());
    }
  }
}
