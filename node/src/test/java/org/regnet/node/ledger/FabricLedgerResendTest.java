package org.regnet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.config.NodeConfig;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.service.CommitUnknownException;

/**
 * The node's real fabric-gateway client, signing with a real user certificate, against a peer
 * Gateway service faked at the gRPC boundary that behaves as a peer does when a Raft follower
 * acknowledged a transaction the dying leader never had: the first copies are acknowledged and
 * lost; the commit status call answers once a copy is ordered and otherwise runs into the client's
 * deadline. Shows that a resend is byte for byte the same signed envelope (one transaction id) and
 * that the first copy ordered decides the answer. A second fake peer commits transactions with a
 * given validation code, for the outcomes that are endorsed again (stale state) and those that are
 * not.
 */
class FabricLedgerResendTest {
  private Server server;
  private ManagedChannel channel;

  /** A peer's Gateway service in front of an ordering service that loses the first copies. */
  private static final class LossyPeer extends GatewayGrpc.GatewayImplBase {
    private final int lostCopies;
    final List<SubmitRequest> submitted = new ArrayList<>();
    private final List<StreamObserver<CommitStatusResponse>> waiting = new ArrayList<>();

    LossyPeer(int lostCopies) {
      this.lostCopies = lostCopies;
    }

    private synchronized boolean committed() {
      return submitted.size() > lostCopies;
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> response) {
      response.onNext(
          EndorseResponse.newBuilder()
              .setPreparedTransaction(envelope(request.getTransactionId(), request.getChannelId()))
              .build());
      response.onCompleted();
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> response) {
      List<StreamObserver<CommitStatusResponse>> toAnswer = List.of();
      synchronized (this) {
        submitted.add(request);
        if (committed()) {
          toAnswer = List.copyOf(waiting);
          waiting.clear();
        }
      }
      toAnswer.forEach(LossyPeer::valid);
      response.onNext(SubmitResponse.getDefaultInstance()); // acknowledged, lost or not
      response.onCompleted();
    }

    @Override
    public void commitStatus(
        SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> response) {
      synchronized (this) {
        if (!committed()) {
          waiting.add(response); // answered when a copy is ordered, else the deadline ends it
          return;
        }
      }
      valid(response);
    }

    private static void valid(StreamObserver<CommitStatusResponse> response) {
      if (((ServerCallStreamObserver<?>) response).isCancelled()) {
        return;
      }
      response.onNext(
          CommitStatusResponse.newBuilder()
              .setResult(TxValidationCode.VALID)
              .setBlockNumber(7)
              .build());
      response.onCompleted();
    }

    /** A prepared transaction as a peer's gateway returns it, carrying the chaincode's result. */
    private static Envelope envelope(String txId, String channelId) {
      ChaincodeAction action =
          ChaincodeAction.newBuilder()
              .setResponse(
                  Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8("done")))
              .build();
      ProposalResponsePayload prp =
          ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build();
      ChaincodeActionPayload cap =
          ChaincodeActionPayload.newBuilder()
              .setAction(
                  ChaincodeEndorsedAction.newBuilder()
                      .setProposalResponsePayload(prp.toByteString()))
              .build();
      Transaction tx =
          Transaction.newBuilder()
              .addActions(TransactionAction.newBuilder().setPayload(cap.toByteString()))
              .build();
      Payload payload =
          Payload.newBuilder()
              .setHeader(
                  Header.newBuilder()
                      .setChannelHeader(
                          ChannelHeader.newBuilder()
                              .setChannelId(channelId)
                              .setTxId(txId)
                              .build()
                              .toByteString()))
              .setData(tx.toByteString())
              .build();
      return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
  }

  /**
   * A peer's Gateway service whose transactions commit with the given validation codes, one per
   * transaction in turn (then VALID), as when a key-level policy changed between endorsement and
   * commit.
   */
  private static final class InvalidatingPeer extends GatewayGrpc.GatewayImplBase {
    private final List<TxValidationCode> outcomes;
    final List<String> endorsed = new ArrayList<>();

    InvalidatingPeer(List<TxValidationCode> outcomes) {
      this.outcomes = new ArrayList<>(outcomes);
    }

    @Override
    public synchronized void endorse(
        EndorseRequest request, StreamObserver<EndorseResponse> response) {
      endorsed.add(request.getTransactionId());
      response.onNext(
          EndorseResponse.newBuilder()
              .setPreparedTransaction(
                  LossyPeer.envelope(request.getTransactionId(), request.getChannelId()))
              .build());
      response.onCompleted();
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> response) {
      response.onNext(SubmitResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public synchronized void commitStatus(
        SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> response) {
      TxValidationCode code = outcomes.isEmpty() ? TxValidationCode.VALID : outcomes.remove(0);
      response.onNext(CommitStatusResponse.newBuilder().setResult(code).setBlockNumber(9).build());
      response.onCompleted();
    }
  }

  private FabricLedger ledger(Path dir, GatewayGrpc.GatewayImplBase peer, String settings)
      throws Exception {
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                InsecureServerCredentials.create())
            .addService(peer)
            .build()
            .start();
    channel =
        NettyChannelBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()),
                InsecureChannelCredentials.create())
            .build();
    NodeConfig cfg =
        NodeConfigLoader.load(
            TestConfigs.write(dir, settings), Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET));
    Node node = new Node(cfg);
    node.userAdmin().create("carol", "case-officer", "carol-password-123");
    return new FabricLedger(cfg, node.identities(), channel);
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void resends_the_same_signed_envelope_until_a_copy_is_ordered(@TempDir Path dir)
      throws Exception {
    LossyPeer peer = new LossyPeer(2); // the original and the first resend are lost
    FabricLedger ledger = ledger(dir, peer, "resendAfterMillis: 200\n");

    String result = ledger.submit("carol", "referral:submit", "{}", Map.of(), List.of());

    assertThat(result).isEqualTo("done");
    assertThat(peer.submitted).hasSize(3);
    assertThat(ledger.resends()).isEqualTo(2);
    SubmitRequest first = peer.submitted.get(0);
    assertThat(first.getPreparedTransaction().getSignature().isEmpty()).isFalse();
    // one transaction, signed once: every copy is the same bytes, so none can commit as another
    assertThat(peer.submitted).allSatisfy(copy -> assertThat(copy).isEqualTo(first));
  }

  @Test
  void answers_commit_unknown_with_the_one_transaction_id_when_no_copy_is_ordered(@TempDir Path dir)
      throws Exception {
    LossyPeer peer = new LossyPeer(Integer.MAX_VALUE);
    FabricLedger ledger = ledger(dir, peer, "resendAfterMillis: 200\ncommitWaitMillis: 1500\n");

    assertThatThrownBy(() -> ledger.submit("carol", "referral:submit", "{}", Map.of(), List.of()))
        .isInstanceOfSatisfying(
            CommitUnknownException.class,
            e -> assertThat(e.transactionId()).isEqualTo(peer.submitted.get(0).getTransactionId()));
    assertThat(peer.submitted)
        .allSatisfy(copy -> assertThat(copy).isEqualTo(peer.submitted.get(0)));
    assertThat(ledger.resends()).isEqualTo(peer.submitted.size() - 1L);
  }

  @Test
  void sends_once_when_the_commit_status_comes_in_time(@TempDir Path dir) throws Exception {
    LossyPeer peer = new LossyPeer(0);
    FabricLedger ledger = ledger(dir, peer, "");

    assertThat(ledger.submit("carol", "referral:submit", "{}", Map.of(), List.of()))
        .isEqualTo("done");
    assertThat(peer.submitted).hasSize(1);
    assertThat(ledger.resends()).isZero();
  }

  @Test
  void a_transaction_whose_key_level_policy_changed_before_commit_is_endorsed_again(
      @TempDir Path dir) throws Exception {
    InvalidatingPeer peer =
        new InvalidatingPeer(List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
    FabricLedger ledger = ledger(dir, peer, "");

    assertThat(ledger.submit("carol", "referral:submit", "{}", Map.of(), List.of()))
        .isEqualTo("done");
    // a new transaction, endorsed against fresh state: two ids
    assertThat(peer.endorsed).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void gives_up_after_three_stale_endorsements_with_a_typed_error(@TempDir Path dir)
      throws Exception {
    InvalidatingPeer peer =
        new InvalidatingPeer(
            List.of(
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                TxValidationCode.MVCC_READ_CONFLICT,
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
    FabricLedger ledger = ledger(dir, peer, "");

    assertThatThrownBy(() -> ledger.submit("carol", "referral:submit", "{}", Map.of(), List.of()))
        .isInstanceOfSatisfying(
            org.regnet.node.service.LedgerException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_STATE"));
    assertThat(peer.endorsed).hasSize(3);
  }

  @Test
  void other_invalid_outcomes_are_not_endorsed_again(@TempDir Path dir) throws Exception {
    InvalidatingPeer peer = new InvalidatingPeer(List.of(TxValidationCode.BAD_CREATOR_SIGNATURE));
    FabricLedger ledger = ledger(dir, peer, "");

    assertThatThrownBy(() -> ledger.submit("carol", "referral:submit", "{}", Map.of(), List.of()))
        .isInstanceOfSatisfying(
            org.regnet.node.service.LedgerException.class,
            e -> assertThat(e.code()).isEqualTo("INVALID_STATE"));
    assertThat(peer.endorsed).hasSize(1);
  }
}
