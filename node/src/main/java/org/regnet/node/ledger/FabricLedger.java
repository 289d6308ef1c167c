package org.regnet.node.ledger;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.regnet.node.config.NodeConfig;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;
import org.regnet.node.service.UserIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric Gateway to the authority's own peer: one gRPC channel, shared; one Gateway per user
 * identity on top of it, so each transaction is signed by the person who made it. MVCC conflicts
 * are retried (the transaction is endorsed again against fresh state) before giving up.
 */
public final class FabricLedger implements Ledger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FabricLedger.class);
  private static final int MVCC_ATTEMPTS = 3;

  private final NodeConfig config;
  private final ManagedChannel channel;
  private final UserIdentities identities;
  private final Map<String, Signed> gateways = new ConcurrentHashMap<>();

  /** A user's Gateway and the certificate it signs with. */
  private record Signed(X509Certificate cert, Gateway gateway) {}

  public FabricLedger(NodeConfig config, UserIdentities identities) {
    this.config = config;
    this.identities = identities;
    try {
      this.channel =
          Grpc.newChannelBuilder(
                  config.peerAddress(),
                  TlsChannelCredentials.newBuilder()
                      .trustManager(config.peerTlsRootCert().toFile())
                      .build())
              .overrideAuthority(config.peerHostOverride())
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public String submit(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers) {
    for (int attempt = 1; ; attempt++) {
      try {
        return new String(
            proposal(username, tx, argument, transientData, endorsers).endorse().submit(),
            StandardCharsets.UTF_8);
      } catch (CommitException e) {
        if (e.getCode() == TxValidationCode.MVCC_READ_CONFLICT && attempt < MVCC_ATTEMPTS) {
          LOG.info(
              "{} {}: MVCC conflict, retrying ({}/{})",
              tx,
              e.getTransactionId(),
              attempt,
              MVCC_ATTEMPTS);
          continue;
        }
        if (e.getCode() == TxValidationCode.MVCC_READ_CONFLICT) {
          throw new LedgerException("CONFLICT", "the object changed concurrently; try again");
        }
        throw new LedgerException(
            "INVALID_STATE", "the transaction was not committed: " + e.getCode());
      } catch (EndorseException | SubmitException | CommitStatusException e) {
        throw FabricErrors.map(e);
      }
    }
  }

  @Override
  public String evaluate(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers) {
    try {
      return new String(
          proposal(username, tx, argument, transientData, endorsers).evaluate(),
          StandardCharsets.UTF_8);
    } catch (GatewayException e) {
      throw FabricErrors.map(e);
    }
  }

  private Proposal proposal(
      String username,
      String tx,
      String argument,
      Map<String, byte[]> transientData,
      List<String> endorsers) {
    Contract contract =
        gateway(username).getNetwork(config.channel()).getContract(config.chaincode());
    Proposal.Builder b = contract.newProposal(tx);
    if (argument != null) {
      b.addArguments(argument);
    }
    if (!transientData.isEmpty()) {
      b.putAllTransient(transientData);
    }
    if (!endorsers.isEmpty()) {
      b.setEndorsingOrganizations(endorsers.toArray(String[]::new));
    }
    return b.build();
  }

  /**
   * The Gateway acting as {@code username}, reused while its certificate is current and replaced
   * when the certificate is renewed. A disabled user gets none, and its Gateway is dropped.
   */
  public Gateway gateway(String username) {
    X509Certificate cert;
    try {
      cert = identities.certificate(username);
    } catch (LedgerException e) {
      forget(username);
      throw e;
    }
    return gateways
        .compute(
            username,
            (u, old) -> {
              if (old != null && old.cert().equals(cert)) {
                return old;
              }
              if (old != null) {
                old.gateway().close(); // leaves the shared gRPC channel open
              }
              return new Signed(cert, connect(cert, identities.privateKey(u)));
            })
        .gateway();
  }

  /** A Gateway for a certificate and key held in memory (the node's own event reader). */
  public Gateway connect(X509Certificate cert, PrivateKey key) {
    return Gateway.newInstance()
        .identity(new X509Identity(config.mspId(), cert))
        .signer(Signers.newPrivateKeySigner(key))
        .hash(Hash.SHA256)
        .connection(channel)
        .evaluateOptions(o -> o.withDeadlineAfter(15, TimeUnit.SECONDS))
        .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
        .submitOptions(o -> o.withDeadlineAfter(15, TimeUnit.SECONDS))
        .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
        .connect();
  }

  /** Forgets a user's Gateway (after disabling them). */
  private void forget(String username) {
    Signed s = gateways.remove(username);
    if (s != null) {
      s.gateway().close();
    }
  }

  @Override
  public void close() {
    gateways.values().forEach(s -> s.gateway().close());
    channel.shutdownNow();
  }
}
