package org.regnet.node.ledger;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.regnet.node.config.NodeConfig;
import org.regnet.node.service.CommitUnknownException;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;
import org.regnet.node.service.TransactionStatus;
import org.regnet.node.service.UserIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric Gateway to the authority's own peer: one gRPC channel, shared; one Gateway per user
 * identity on top of it, so each transaction is signed by the person who made it. A transaction
 * whose endorsed state went stale before it committed (MVCC and phantom read conflicts, a key-level
 * policy changed meanwhile) is endorsed again against fresh state before giving up.
 */
public final class FabricLedger implements Ledger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FabricLedger.class);
  private static final int MVCC_ATTEMPTS = 3;

  /**
   * Commit outcomes that mean the state the transaction was endorsed against changed before it
   * committed, so endorsing it again against fresh state gives the request its real answer. An
   * endorsement policy failure at commit belongs here: the gateway collected endorsements that
   * satisfied the policies when it endorsed, so the policy itself changed in between. Under BFT a
   * request retried under its key while its first copy waited in the orderers' pools lands as a
   * twin in the same block; the first sets the new keys' key-level policies and the twin fails them
   * (docs/reliability.md). Endorsed again, it finds what the first wrote.
   */
  private static final java.util.Set<TxValidationCode> STALE =
      java.util.EnumSet.of(
          TxValidationCode.MVCC_READ_CONFLICT,
          TxValidationCode.PHANTOM_READ_CONFLICT,
          TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

  private final NodeConfig config;
  private final ManagedChannel channel;
  private final UserIdentities identities;
  private final Map<String, Signed> gateways = new ConcurrentHashMap<>();
  private final Map<String, Long> blocks = new ConcurrentHashMap<>();
  private final CommitWait commitWait;

  /** A user's Gateway and the certificate it signs with. */
  private record Signed(X509Certificate cert, Gateway gateway) {}

  public FabricLedger(NodeConfig config, UserIdentities identities) {
    this(config, identities, peerChannel(config));
  }

  /** Over a given gRPC channel to the peer's Gateway service (tests). */
  FabricLedger(NodeConfig config, UserIdentities identities, ManagedChannel channel) {
    this.config = config;
    this.identities = identities;
    this.commitWait = new CommitWait(config.commitWait(), config.resendAfter(), System::nanoTime);
    this.channel = channel;
  }

  private static ManagedChannel peerChannel(NodeConfig config) {
    try {
      return Grpc.newChannelBuilder(
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
      Transaction transaction;
      SubmittedTransaction submitted;
      try {
        transaction = proposal(username, tx, argument, transientData, endorsers).endorse();
        submitted = transaction.submitAsync();
      } catch (EndorseException | SubmitException e) {
        throw FabricErrors.map(e);
      }
      Status status =
          commitWait
              .await(new Resendable(tx, transaction, submitted))
              .orElseThrow(() -> unknown(tx, submitted.getTransactionId(), "no status in time"));
      if (status.getCode() == TxValidationCode.DUPLICATE_TXID) {
        // Only a copy of ours can carry this id, and the peers kept the first copy's outcome.
        TransactionStatus first = status(username, submitted.getTransactionId());
        LOG.info(
            "{} {}: a resent copy was a duplicate; the first copy is {}",
            tx,
            first.transactionId(),
            first.validationCode());
        if ("COMMITTED".equals(first.status())) {
          return new String(submitted.getResult(), StandardCharsets.UTF_8);
        }
        throw new LedgerException(
            "INVALID_STATE", "the transaction was not committed: " + first.validationCode());
      }
      if (status.isSuccessful()) {
        return new String(submitted.getResult(), StandardCharsets.UTF_8);
      }
      if (STALE.contains(status.getCode()) && attempt < MVCC_ATTEMPTS) {
        LOG.info(
            "{} {}: {}, endorsing again ({}/{})",
            tx,
            status.getTransactionId(),
            status.getCode(),
            attempt,
            MVCC_ATTEMPTS);
        continue;
      }
      if (status.getCode() == TxValidationCode.MVCC_READ_CONFLICT
          || status.getCode() == TxValidationCode.PHANTOM_READ_CONFLICT) {
        throw new LedgerException("CONFLICT", "the object changed concurrently; try again");
      }
      throw new LedgerException(
          "INVALID_STATE", "the transaction was not committed: " + status.getCode());
    }
  }

  @Override
  public TransactionStatus status(String username, String transactionId) {
    byte[] raw;
    try {
      raw =
          gateway(username)
              .getNetwork(config.channel())
              .getContract("qscc")
              .evaluateTransaction("GetTransactionByID", config.channel(), transactionId);
    } catch (GatewayException e) {
      String all = e.getMessage() + " " + e.getDetails();
      if (all.contains("Failed to get transaction") || all.contains("not found")) {
        return TransactionStatus.pending(transactionId);
      }
      throw FabricErrors.map(e);
    }
    try {
      int code = ProcessedTransaction.parseFrom(raw).getValidationCode();
      TxValidationCode v = TxValidationCode.forNumber(code);
      return new TransactionStatus(
          transactionId,
          code == TxValidationCode.VALID_VALUE ? "COMMITTED" : "INVALID",
          v == null ? String.valueOf(code) : v.name());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new LedgerException("INTERNAL", "unreadable transaction record");
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

  /** The channel configuration from the peer's configuration system chaincode (cscc). */
  @Override
  public byte[] channelConfig(String username) {
    try {
      return gateway(username)
          .getNetwork(config.channel())
          .getContract("cscc")
          .evaluateTransaction("GetChannelConfig", config.channel());
    } catch (GatewayException e) {
      throw FabricErrors.map(e);
    }
  }

  /** Transactions sent again after a wait without a commit status, for the node's metrics. */
  public long resends() {
    return commitWait.resends();
  }

  private static CommitUnknownException unknown(String tx, String transactionId, String why) {
    // Ordered, but the commit status did not come back: it may well have committed.
    LOG.warn("{} {}: commit status unknown ({})", tx, transactionId, why);
    return new CommitUnknownException(transactionId);
  }

  /**
   * A submitted transaction as {@link CommitWait} sees it: its status is asked for with a deadline
   * of one slice, and a resend submits the very same signed envelope (fabric-gateway signs a {@link
   * Transaction} once and keeps the signature), so it can only ever carry the same id.
   */
  private record Resendable(String tx, Transaction transaction, SubmittedTransaction submitted)
      implements CommitWait.Pending<Status> {
    @Override
    public Optional<Status> status(Duration max) {
      try {
        return Optional.of(
            submitted.getStatus(o -> o.withDeadlineAfter(max.toNanos(), TimeUnit.NANOSECONDS)));
      } catch (CommitStatusException e) {
        if (e.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
          return Optional.empty();
        }
        throw unknown(tx, submitted.getTransactionId(), e.getStatus().getCode().name());
      }
    }

    @Override
    public boolean resend() {
      LOG.info("resending transaction {}: no commit status yet", transaction.getTransactionId());
      try {
        transaction.submitAsync();
        return true;
      } catch (SubmitException e) {
        // Ordering may be electing a leader; the next, shorter slice waits and resends again.
        LOG.info(
            "resend of transaction {} not accepted ({})",
            transaction.getTransactionId(),
            e.getStatus().getCode());
        return false;
      }
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
    // Referrals, requests for assistance and flags name no endorsers: their endorsers follow from
    // their policies (the chaincode's, the pair collections', the keys'), which the gateway's
    // discovery reads, and a gateway sends transient data only to members of the collections
    // written (decisions 0013, 0021). Only transactions whose transient data goes with public-state
    // writes (evidence custody) name the two members who may see it (decision 0019): no
    // collection tells discovery to keep a third peer out.
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
        // Past this wait a write answers 202 with its transaction id (config: commitWaitMillis).
        .commitStatusOptions(
            o -> o.withDeadlineAfter(config.commitWait().toMillis(), TimeUnit.MILLISECONDS))
        .connect();
  }

  /**
   * Asks the peer's query system chaincode which block holds the transaction; block numbers never
   * change, so answers are cached.
   */
  @Override
  public java.util.OptionalLong blockNumber(String username, String txId) {
    Long cached = blocks.get(txId);
    if (cached != null) {
      return java.util.OptionalLong.of(cached);
    }
    try {
      byte[] block =
          gateway(username)
              .getNetwork(config.channel())
              .getContract("qscc")
              .evaluateTransaction("GetBlockByTxID", config.channel(), txId);
      long number =
          org.hyperledger.fabric.protos.common.Block.parseFrom(block).getHeader().getNumber();
      blocks.put(txId, number);
      return java.util.OptionalLong.of(number);
    } catch (GatewayException | com.google.protobuf.InvalidProtocolBufferException e) {
      LOG.debug("no block for a transaction: {}", e.toString());
      return java.util.OptionalLong.empty();
    }
  }

  /** Forgets a user's Gateway (after disabling them or replacing their certificate). */
  @Override
  public void forget(String username) {
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
