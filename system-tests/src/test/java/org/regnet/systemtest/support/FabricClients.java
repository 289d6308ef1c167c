package org.regnet.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Fabric Gateway connections built from nothing but network.json, as an outside client would: the
 * peer address, its TLS root and host override, and an MSP directory.
 */
public final class FabricClients {
  private FabricClients() {}

  public static ManagedChannel channel(JsonNode org) {
    JsonNode peer = org.get("peer");
    try {
      var creds =
          TlsChannelCredentials.newBuilder()
              .trustManager(Path.of(peer.get("tlsRootCert").asText()).toFile())
              .build();
      return Grpc.newChannelBuilder(peer.get("address").asText(), creds)
          .overrideAuthority(peer.get("hostOverride").asText())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Gateway through {@code channel} acting as the identity in {@code mspDir}. */
  public static Gateway gateway(ManagedChannel channel, String mspId, Path mspDir) {
    return Gateway.newInstance()
        .identity(identity(mspId, mspDir))
        .signer(signer(mspDir))
        .hash(org.hyperledger.fabric.client.Hash.SHA256)
        .connection(channel)
        .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
        .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
        .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
        .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
        .connect();
  }

  /** The MSP directory of the identity with {@code role} in an organisation of network.json. */
  public static Path identityDir(JsonNode org, String role) {
    for (JsonNode id : org.get("identities")) {
      if (id.get("role").asText().equals(role)) {
        return Path.of(id.get("mspDir").asText());
      }
    }
    throw new IllegalArgumentException("no identity with role " + role);
  }

  public static Identity identity(String mspId, Path mspDir) {
    try {
      return new X509Identity(
          mspId,
          Identities.readX509Certificate(Files.readString(single(mspDir.resolve("signcerts")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Signer signer(Path mspDir) {
    try {
      return Signers.newPrivateKeySigner(
          Identities.readPrivateKey(Files.readString(single(mspDir.resolve("keystore")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path single(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findFirst().orElseThrow(() -> new IOException("empty: " + dir));
    }
  }
}
