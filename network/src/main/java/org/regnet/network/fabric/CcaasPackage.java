package org.regnet.network.fabric;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regnet.crypto.SecureFiles;
import org.regnet.network.process.CommandRunner;

/**
 * A chaincode-as-a-service package for one organisation: {@code metadata.json} (type ccaas) and
 * {@code code.tar.gz} holding {@code connection.json}, which tells that organisation's peer where
 * its own chaincode server listens and which TLS material to use. Each organisation installs its
 * own package (so each has its own package id) under one chaincode definition.
 */
public record CcaasPackage(Path file, String label, String packageId) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes the package into {@code dir}.
   *
   * @param address where the chaincode server listens, as the peer dials it
   * @param serverRootCert the CA that signed the chaincode server's TLS certificate
   * @param clientCert the TLS client certificate the peer presents to the chaincode server
   * @param clientKey its key
   */
  public static CcaasPackage create(
      Path dir,
      String label,
      String address,
      Path serverRootCert,
      Path clientCert,
      Path clientKey,
      CommandRunner tar) {
    try {
      // connection.json carries the peer's TLS client key: owner-only, as is every package
      // holding it.
      Path work = SecureFiles.createPrivateDirectories(dir.resolve("pkg"));
      Map<String, Object> connection = new LinkedHashMap<>();
      connection.put("address", address);
      connection.put("dial_timeout", "10s");
      connection.put("tls_required", true);
      connection.put("client_auth_required", true);
      connection.put("root_cert", Files.readString(serverRootCert, StandardCharsets.UTF_8));
      connection.put("client_cert", Files.readString(clientCert, StandardCharsets.UTF_8));
      connection.put("client_key", Files.readString(clientKey, StandardCharsets.UTF_8));
      SecureFiles.writeSecret(
          work.resolve("connection.json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(connection));
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("type", "ccaas");
      metadata.put("label", label);
      JSON.writeValue(work.resolve("metadata.json").toFile(), metadata);

      Path file = dir.resolve(label + ".tar.gz");
      Duration t = Duration.ofSeconds(30);
      // Fixed owner and mtime keep the package bytes, and so its id, stable for equal input.
      List<String> fixed =
          List.of("--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "--sort=name");
      tar.run(
          "pack code.tar.gz",
          concat(
              List.of("tar", "-C", work.toString()),
              fixed,
              List.of("-czf", work.resolve("code.tar.gz").toString(), "connection.json")),
          Map.of(),
          t);
      tar.run(
          "pack chaincode package",
          concat(
              List.of("tar", "-C", work.toString()),
              fixed,
              List.of("-czf", file.toString(), "metadata.json", "code.tar.gz")),
          Map.of(),
          t);
      ownerOnly(work.resolve("code.tar.gz"));
      ownerOnly(file);
      return new CcaasPackage(file, label, label + ":" + sha256(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Made by tar inside an owner-only folder, so never readable by others before this. */
  private static void ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
