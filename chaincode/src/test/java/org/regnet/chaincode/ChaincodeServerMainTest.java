package org.regnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaincodeServerMainTest {

  @TempDir Path dir;

  @Test
  void plain_server_needs_address_and_chaincode_id() {
    final ChaincodeServerMain.ServerConfig c =
        ChaincodeServerMain.ServerConfig.from(
            Map.of("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:9999", "CHAINCODE_ID", "regnet_1:abc"));

    assertThat(c.tls()).isFalse();
    assertThat(c.address().getPort()).isEqualTo(9999);
    assertThat(c.toShimProperties().isTlsEnabled()).isFalse();
  }

  @Test
  void mutual_tls_maps_our_variables_onto_the_shim_properties() throws Exception {
    final Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    final Path key = Files.writeString(dir.resolve("key.pem"), "x");
    final Path ca = Files.writeString(dir.resolve("ca.pem"), "x");

    final ChaincodeServerProperties p =
        ChaincodeServerMain.ServerConfig.from(
                Map.of(
                    "CHAINCODE_SERVER_ADDRESS",
                    "0.0.0.0:7052",
                    "CHAINCODE_ID",
                    "regnet_1:abc",
                    "CHAINCODE_TLS_CERT_FILE",
                    cert.toString(),
                    "CHAINCODE_TLS_KEY_FILE",
                    key.toString(),
                    "CHAINCODE_TLS_CLIENT_CA_FILE",
                    ca.toString()))
            .toShimProperties();

    assertThat(p.isTlsEnabled()).isTrue();
    assertThat(p.getKeyCertChainFile()).isEqualTo(cert.toString());
    assertThat(p.getKeyFile()).isEqualTo(key.toString());
    assertThat(p.getTrustCertCollectionFile()).isEqualTo(ca.toString());
  }

  @Test
  void describe_never_prints_key_material() throws Exception {
    final Path cert = Files.writeString(dir.resolve("cert.pem"), "CERT");
    final Path key = Files.writeString(dir.resolve("key.pem"), "SECRET-KEY");

    final String text =
        ChaincodeServerMain.ServerConfig.from(
                Map.of(
                    "CHAINCODE_SERVER_ADDRESS",
                    "127.0.0.1:9999",
                    "CHAINCODE_ID",
                    "regnet_1:abc",
                    "CHAINCODE_TLS_CERT_FILE",
                    cert.toString(),
                    "CHAINCODE_TLS_KEY_FILE",
                    key.toString()))
            .describe();

    assertThat(text).contains("tls=true", "mutualTls=false").doesNotContain("SECRET-KEY");
  }

  @Test
  void refuses_incomplete_configuration() {
    assertThatThrownBy(() -> ChaincodeServerMain.ServerConfig.from(Map.of("CHAINCODE_ID", "x")))
        .hasMessageContaining("CHAINCODE_SERVER_ADDRESS");
    assertThatThrownBy(
            () ->
                ChaincodeServerMain.ServerConfig.from(
                    Map.of("CHAINCODE_SERVER_ADDRESS", "nohost", "CHAINCODE_ID", "x")))
        .hasMessageContaining("host:port");
    assertThatThrownBy(
            () ->
                ChaincodeServerMain.ServerConfig.from(
                    Map.of(
                        "CHAINCODE_SERVER_ADDRESS",
                        "h:1",
                        "CHAINCODE_ID",
                        "x",
                        "CHAINCODE_TLS_CERT_FILE",
                        dir.toString())))
        .hasMessageContaining("CHAINCODE_TLS");
  }
}
