package org.regnet.node.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.regnet.node.config.NodeConfig;

/**
 * Acts as the authority's channel admin for configuration updates: signs a {@code
 * common.ConfigUpdate} (a {@code ConfigSignature}, ECDSA with low S as Fabric requires) and submits
 * an update with the signatures gathered through the ledger to the ordering service. The orderer
 * checks them against the channel's admin policy; too few, or a stale update, are refused.
 */
public final class ChannelAdmin implements ChannelSigning {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger N = ECNamedCurveTable.getByName("secp256r1").getN();

  private final NodeConfig config;
  private final ByteString creator;
  private final PrivateKey key;

  /** {@code key}: the admin's private key, unsealed by the node ({@link SealedKeys#ORG_ADMIN}). */
  public ChannelAdmin(NodeConfig config, PrivateKey key) {
    this.config = config;
    try {
      this.creator =
          SerializedIdentity.newBuilder()
              .setMspid(config.mspId())
              .setIdBytes(ByteString.copyFrom(Files.readAllBytes(config.orgAdminCert())))
              .build()
              .toByteString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read orgAdmin.cert", e);
    }
    this.key = key;
  }

  /**
   * This organisation's admin signature of the update, base64 of a {@code common.ConfigSignature}.
   */
  @Override
  public String sign(byte[] configUpdate) {
    ByteString header = signatureHeader().toByteString();
    byte[] sig = ecdsa(header.concat(ByteString.copyFrom(configUpdate)).toByteArray());
    return Base64.getEncoder()
        .encodeToString(
            ConfigSignature.newBuilder()
                .setSignatureHeader(header)
                .setSignature(ByteString.copyFrom(sig))
                .build()
                .toByteArray());
  }

  /** Submits the update with the gathered signatures; returns the orderer's status, or throws. */
  @Override
  public String submit(byte[] configUpdate, List<String> signatures) {
    ConfigUpdateEnvelope.Builder cue =
        ConfigUpdateEnvelope.newBuilder().setConfigUpdate(ByteString.copyFrom(configUpdate));
    for (String s : signatures) {
      try {
        cue.addSignatures(ConfigSignature.parseFrom(Base64.getDecoder().decode(s)));
      } catch (IOException | IllegalArgumentException e) {
        throw new LedgerException(
            "VALIDATION_FAILED", "a gathered signature is not a ConfigSignature");
      }
    }
    Instant now = Instant.now();
    ChannelHeader ch =
        ChannelHeader.newBuilder()
            .setType(HeaderType.CONFIG_UPDATE_VALUE)
            .setChannelId(config.channel())
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .build();
    Payload payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(ch.toByteString())
                    .setSignatureHeader(signatureHeader().toByteString()))
            .setData(cue.build().toByteString())
            .build();
    Envelope envelope =
        Envelope.newBuilder()
            .setPayload(payload.toByteString())
            .setSignature(ByteString.copyFrom(ecdsa(payload.toByteArray())))
            .build();
    return broadcast(envelope);
  }

  private String broadcast(Envelope envelope) {
    ManagedChannel channel;
    try {
      channel =
          Grpc.newChannelBuilder(
                  config.ordererAddress(),
                  TlsChannelCredentials.newBuilder()
                      .trustManager(config.ordererTlsRootCert().toFile())
                      .build())
              .overrideAuthority(config.ordererHostOverride())
              .build();
    } catch (IOException e) {
      throw new LedgerException("UNAVAILABLE", "cannot reach the ordering service");
    }
    try {
      CompletableFuture<BroadcastResponse> answer = new CompletableFuture<>();
      StreamObserver<Envelope> out =
          AtomicBroadcastGrpc.newStub(channel)
              .broadcast(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(BroadcastResponse r) {
                      answer.complete(r);
                    }

                    @Override
                    public void onError(Throwable t) {
                      answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                      answer.completeExceptionally(new IllegalStateException("no answer"));
                    }
                  });
      out.onNext(envelope);
      BroadcastResponse r = answer.get(30, TimeUnit.SECONDS);
      out.onCompleted();
      if (r.getStatus() != Status.SUCCESS) {
        throw new LedgerException(
            "ACCESS_DENIED",
            "the ordering service refused the update: "
                + r.getStatus()
                + (r.getInfo().isEmpty() ? "" : " (" + r.getInfo() + ")"));
      }
      return r.getStatus().name();
    } catch (LedgerException e) {
      throw e;
    } catch (Exception e) {
      throw new LedgerException("UNAVAILABLE", "the ordering service did not answer");
    } finally {
      channel.shutdownNow();
    }
  }

  private SignatureHeader signatureHeader() {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    return SignatureHeader.newBuilder()
        .setCreator(creator)
        .setNonce(ByteString.copyFrom(nonce))
        .build();
  }

  /** ECDSA P-256 over SHA-256, S normalised to the lower half as Fabric's validation demands. */
  private byte[] ecdsa(byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(message);
      ASN1Sequence seq = ASN1Sequence.getInstance(s.sign());
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger sv = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      if (sv.compareTo(N.shiftRight(1)) > 0) {
        sv = N.subtract(sv);
      }
      return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(sv)})
          .getEncoded();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }
}
